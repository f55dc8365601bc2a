package com.mirogateway.dist;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Headless Debian chromium ({@code /usr/bin/chromium}) driven by Playwright's Java client, whose driver comes inside
 * its Maven Central jar; no browser is downloaded ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD}). Without chromium the
 * calling test is skipped with the reason printed ({@code .ci/services} installs it). One per test class.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** The two sizes the console must work at: a laptop and a phone. */
    static final List<int[]> SIZES = List.of(new int[] {1280, 800}, new int[] {390, 844});
    /**
     * A host name chromium resolves to 127.0.0.1: the gateway sees a loopback client, the page a plain-http origin
     * that is no secure context (no {@code crypto.subtle}), as on {@code http://gateway.internal:8080}.
     */
    static final String PLAIN_HTTP_HOST = "console.test";

    private static final List<String> ARGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--host-resolver-rules=MAP " + PLAIN_HTTP_HOST + " 127.0.0.1");

    private final Playwright playwright;
    private final Browser browser;

    private ConsoleBrowser(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts chromium, or skips the test (with the reason on standard output) when it is not installed. */
    static ConsoleBrowser start() {
        if (!Files.isExecutable(CHROMIUM)) {
            String reason = "Skipping the console's browser tests: no " + CHROMIUM
                    + " (apt-get install chromium; .ci/services does)";
            System.out.println(reason);
            assumeTrue(false, reason);
        }
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000); // a loaded machine; live refresh runs every 5 s
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(ARGS));
        return new ConsoleBrowser(playwright, browser);
    }

    /** A fresh page (own cookies and storage) of the given size. */
    Page page(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        context.setDefaultTimeout(30_000);
        return context.newPage();
    }

    /** A fresh laptop-sized page. */
    Page page() {
        return page(1280, 800);
    }

    /** The panel region with this name. */
    static Locator panel(Page page, String name) {
        return page.getByRole(
                AriaRole.REGION, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Saves a screenshot of a panel under {@code target/console-screenshots/<panel>-<width>x<height>.png}. */
    static void screenshot(Page page, String panel) {
        screenshot(page, panel, panel.toLowerCase(Locale.ROOT));
    }

    /** Saves a screenshot of a panel under {@code target/console-screenshots/<name>-<width>x<height>.png}. */
    static void screenshot(Page page, String panel, String name) {
        Path folder = screenshots();
        String size = page.viewportSize().width + "x" + page.viewportSize().height;
        panel(page, panel)
                .screenshot(new Locator.ScreenshotOptions().setPath(folder.resolve(name + "-" + size + ".png")));
    }

    /** The screenshots' folder, {@code target/console-screenshots/} unless {@code console.screenshots} says otherwise. */
    static Path screenshots() {
        return Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
