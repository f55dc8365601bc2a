package com.mirogateway.dist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.mirogateway.platform.testkit.PluginJar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Plugins panel's lifecycle controls in headless chromium against the distribution (security off, loopback):
 * install a plugin by upload, upload a new version, roll back, remove, each seen in the panel and in what the route
 * serves; a shipped plugin upgraded from a page on a plain-http origin, where the browser has no {@code crypto.subtle}
 * and the console's own SHA-256 computes the {@code Content-Digest}; refused uploads showing the problem. Screenshots
 * of the panel at 1280x800 and 390x844 go to {@code target/console-screenshots/}.
 */
class ConsolePluginsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String DEMO = "console-demo";

    @RegisterExtension
    static final WireMockExtension LEGACY = WireMockExtension.newInstance()
            .options(options().dynamicPort())
            .resetOnEachTest(false)
            .build();

    @TempDir
    static Path data;

    @TempDir
    static Path jars;

    private static final Distribution DISTRIBUTION = Distribution.current();
    private static GatewayProcess gateway;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        browser = ConsoleBrowser.start();
        LEGACY.stubFor(get(urlPathEqualTo("/api/console-demo/version"))
                .willReturn(aResponse().withStatus(200).withBody("legacy")));
        LEGACY.stubFor(get(urlPathEqualTo("/api/legacy-only"))
                .willReturn(aResponse().withStatus(200).withBody("from the legacy service")));
        gateway = GatewayProcess.start(
                DISTRIBUTION.launcher(),
                "console-plugins",
                DISTRIBUTION.logs(),
                GatewayProcess.environment(Map.of(
                        "GATEWAY_LEGACY_BASE_URL",
                        LEGACY.baseUrl(),
                        "GATEWAY_GATEWAY_DATA_DIR",
                        data.toString(),
                        "GATEWAY_PLUGINS_BOARD_SYNC_RESYNC_ENABLED",
                        "false")),
                GatewayProcess.freePort());
        gateway.awaitHealthy(CLIENT);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theConsolesSha256MatchesTheStandardsVectorsWithAndWithoutWebCrypto() {
        Page secure = open(1280, 800, "127.0.0.1");
        assertThat(secure.evaluate("window.isSecureContext")).isEqualTo(true);
        List<String> expected = new ArrayList<>(List.of(
                // FIPS 180-4 examples and the NIST long-message vector
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
                "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
        for (int length = 0; length <= 200; length++) { // every padding case around the 64-byte blocks
            expected.add(HexFormat.of().formatHex(sha256(pattern(length))));
        }

        assertThat(digests(secure, "sha256Fallback")).isEqualTo(expected);
        assertThat(digests(secure, "sha256")).isEqualTo(expected); // crypto.subtle
        secure.context().close();

        Page plainHttp = open(1280, 800, ConsoleBrowser.PLAIN_HTTP_HOST);
        assertThat(plainHttp.evaluate("[window.isSecureContext, typeof crypto.subtle]"))
                .isEqualTo(List.of(false, "undefined"));
        assertThat(digests(plainHttp, "sha256")).isEqualTo(expected); // the fallback, as the page uses it
        plainHttp.context().close();
    }

    @Test
    void installUpgradeRollBackAndRemoveAPluginThroughThePage() throws Exception {
        Path first = demoJar(DEMO, "1.0.0", null);
        Path second = demoJar(DEMO, "1.1.0", null);
        Page page = open(1280, 800, "127.0.0.1");
        Locator plugins = ConsoleBrowser.panel(page, "Plugins");

        button(page, "Install a plugin").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog).containsText("its routes take their requests from the legacy service");
        dialog.getByLabel("Plugin id").fill(DEMO);
        dialog.getByLabel("Plugin archive (jar or zip)").setInputFiles(first);
        confirm(page, "Install plugin");

        assertThat(page.locator("#status")).hasText(DEMO + " 1.0.0 is installed and STARTED");
        assertThat(row(plugins, DEMO)).containsText("1.0.0");
        assertThat(row(plugins, DEMO)).containsText("STARTED");
        assertThat(send("GET", "/api/console-demo/version").body()).isEqualTo("1.0.0");

        button(page, "Upload a new version of " + DEMO).focus(); // the keyboard: Enter opens, the label names the input
        page.keyboard().press("Enter");
        assertThat(dialog).containsText("Upload a new version of " + DEMO + "?");
        assertThat(dialog).containsText("If the new version fails to start, 1.0.0 keeps serving");
        dialog.getByLabel("Archive of " + DEMO + " (jar or zip)").setInputFiles(second);
        for (int[] size : ConsoleBrowser.SIZES) {
            page.setViewportSize(size[0], size[1]);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(ConsoleBrowser.screenshots()
                            .resolve("plugins-upload-dialog-" + size[0] + "x" + size[1] + ".png")));
        }
        page.setViewportSize(1280, 800);
        dialog.getByRole(
                        AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("Upload " + DEMO).setExact(true))
                .focus();
        page.keyboard().press("Enter");

        assertThat(page.locator("#status")).hasText(DEMO + " is now 1.1.0, STARTED");
        assertThat(row(plugins, DEMO)).containsText("1.1.0");
        assertThat(send("GET", "/api/console-demo/version").body()).isEqualTo("1.1.0");
        assertThat(plugin(DEMO).path("version").asText()).isEqualTo("1.1.0");

        for (int[] size : ConsoleBrowser.SIZES) {
            Page sized = open(size[0], size[1], "127.0.0.1");
            assertThat(row(ConsoleBrowser.panel(sized, "Plugins"), DEMO)).containsText("1.1.0");
            ConsoleBrowser.panel(sized, "Plugins").scrollIntoViewIfNeeded();
            ConsoleBrowser.screenshot(sized, "Plugins", "plugins-lifecycle");
            assertThat(sized.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling at " + size[0] + "x" + size[1])
                    .isEqualTo(true);
            sized.context().close();
        }

        button(page, "Roll back " + DEMO).click();
        assertThat(dialog).containsText("The previous version of " + DEMO + " starts beside 1.1.0");
        confirm(page, "Roll back " + DEMO);
        assertThat(page.locator("#status")).hasText(DEMO + " is back to 1.0.0, STARTED");
        assertThat(row(plugins, DEMO)).containsText("1.0.0");
        assertThat(send("GET", "/api/console-demo/version").body()).isEqualTo("1.0.0");

        button(page, "Remove " + DEMO).click();
        assertThat(dialog).containsText("Clients of its 1 route get the legacy service's answers at once");
        confirm(page, "Remove " + DEMO);
        assertThat(page.locator("#status")).hasText(DEMO + " is removed");
        assertThat(button(page, "Remove " + DEMO)).hasCount(0);
        assertThat(send("GET", "/api/console-demo/version").body()).isEqualTo("legacy");
        assertThat(plugin(DEMO)).isNull();

        Locator audit = ConsoleBrowser.panel(page, "Audit");
        for (String action : new String[] {"install", "upgrade", "rollback", "remove"}) {
            assertThat(audit.locator("tbody tr")
                            .filter(new Locator.FilterOptions().setHasText(DEMO))
                            .filter(new Locator.FilterOptions().setHasText(action)))
                    .not()
                    .hasCount(0);
        }
        page.context().close();
    }

    @Test
    void aShippedPluginIsUpgradedFromAPlainHttpPageWithoutWebCrypto() throws Exception {
        Path bumped = withVersion(shippedJar("legacy-proxy"), "0.1.1");
        Page page = open(1280, 800, ConsoleBrowser.PLAIN_HTTP_HOST);
        assertThat(page.evaluate("typeof crypto.subtle")).isEqualTo("undefined");
        Locator plugins = ConsoleBrowser.panel(page, "Plugins");

        button(page, "Upload a new version of legacy-proxy").click();
        page.getByRole(AriaRole.DIALOG)
                .getByLabel("Archive of legacy-proxy (jar or zip)")
                .setInputFiles(bumped); // 2 MB: the digest is the console's own SHA-256
        confirm(page, "Upload legacy-proxy");

        assertThat(page.locator("#status")).hasText("legacy-proxy is now 0.1.1, STARTED");
        assertThat(row(plugins, "legacy-proxy")).containsText("0.1.1");
        assertThat(plugin("legacy-proxy").path("version").asText()).isEqualTo("0.1.1");
        HttpResponse<String> served = send("GET", "/api/legacy-only");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo("from the legacy service");

        button(page, "Roll back legacy-proxy").click();
        confirm(page, "Roll back legacy-proxy");
        assertThat(page.locator("#status")).hasText("legacy-proxy is back to " + DISTRIBUTION.version() + ", STARTED");
        assertThat(plugin("legacy-proxy").path("version").asText()).isEqualTo(DISTRIBUTION.version());
        assertThat(send("GET", "/api/legacy-only").body()).isEqualTo("from the legacy service");
        page.context().close();
    }

    @Test
    void refusedUploadsShowTheProblemsTitleAndDetailAndChangeNothing() throws Exception {
        Page page = open(1280, 800, "127.0.0.1");
        Locator problem = page.getByRole(AriaRole.ALERT);

        install(page, "console-future", demoJar("console-future", "1.0.0", ">=99.0.0"));
        assertThat(problem).containsText("Unprocessable Content");
        assertThat(problem)
                .containsText("Plugin 'console-future' 1.0.0 requires platform >=99.0.0; this gateway is platform");

        install(page, "console-other", demoJar("console-named", "1.0.0", null));
        assertThat(problem).containsText("Bad Request");
        assertThat(problem).containsText("The archive is plugin 'console-named', not 'console-other'");

        // A digest that is not the body's, as a proxy rewriting the upload would make it.
        page.route("**/admin/plugins/console-tampered", route -> {
            Map<String, String> headers = new LinkedHashMap<>(route.request().headers());
            headers.put("content-digest", "sha-256=:" + "A".repeat(43) + "=:");
            route.resume(new Route.ResumeOptions().setHeaders(headers));
        });
        install(page, "console-tampered", demoJar("console-tampered", "1.0.0", null));
        assertThat(problem).containsText("Bad Request");
        assertThat(problem).containsText("The body's SHA-256 is");

        for (String id : new String[] {"console-future", "console-other", "console-named", "console-tampered"}) {
            assertThat(plugin(id)).as(id).isNull();
            assertThat(button(page, "Remove " + id)).hasCount(0);
        }
        page.context().close();
    }

    private static void install(Page page, String id, Path jar) {
        button(page, "Install a plugin").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Plugin id").fill(id);
        dialog.getByLabel("Plugin archive (jar or zip)").setInputFiles(jar);
        confirm(page, "Install plugin");
    }

    /** The hex SHA-256 of the FIPS vectors and of {@link #pattern} bytes 0..200 long, by a function of sha256.js. */
    @SuppressWarnings("unchecked")
    private static List<String> digests(Page page, String function) {
        return (List<String>) page.evaluate("""
                async (fn) => {
                  const m = await import('/console/js/sha256.js');
                  const hex = (b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
                  const text = (s) => new TextEncoder().encode(s);
                  const inputs = [text(''), text('abc'),
                    text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
                    text('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu'),
                    new Uint8Array(1000000).fill(0x61)];
                  for (let n = 0; n <= 200; n++) inputs.push(Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff));
                  const out = [];
                  for (const input of inputs) out.push(hex(await m[fn](input)));
                  return out;
                }""", function);
    }

    /** The bytes {@link #digests} hashes for one length. */
    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + length);
        }
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test plugin {@link ConsoleDemoPlugin} as a jar; {@code requires} null for none. */
    private static Path demoJar(String id, String version, String requires) throws IOException {
        PluginJar jar = PluginJar.of(id)
                .version(version)
                .classes(ConsoleDemoPlugin.class)
                .entry("console-demo-version.txt", version.getBytes(StandardCharsets.UTF_8));
        if (requires != null) {
            jar.entry(
                    "plugin.properties",
                    ("plugin.id=" + id + "\nplugin.version=" + version + "\nplugin.requires=" + requires + "\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
        Path folder = Files.createTempDirectory(jars, id + "-" + version);
        return jar.writeTo(folder);
    }

    /** The distribution's own jar of a shipped plugin. */
    private static Path shippedJar(String id) throws IOException {
        try (DirectoryStream<Path> found =
                Files.newDirectoryStream(DISTRIBUTION.home().resolve("plugins"), id + "-*.jar")) {
            return found.iterator().next();
        }
    }

    /** A copy of a plugin jar whose {@code plugin.properties} says another version: the next release of it. */
    private static Path withVersion(Path jar, String version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream file = Files.newInputStream(jar);
                ZipInputStream in = new ZipInputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().equals("plugin.properties")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8)
                            .replaceAll("(?m)^plugin\\.version=.*$", "plugin.version=" + version)
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        Path copy = jars.resolve(jar.getFileName().toString().replace(".jar", "-" + version + ".jar"));
        Files.write(copy, out.toByteArray());
        return copy;
    }

    private static Page open(int width, int height, String host) {
        Page page = browser.page(width, height);
        page.navigate("http://" + host + ":" + gateway.uri("/").getPort() + "/console/");
        page.waitForSelector("body[data-ready=true]");
        return page;
    }

    private static Locator row(Locator panel, String id) {
        return panel.locator("tbody tr")
                .filter(new Locator.FilterOptions()
                        .setHas(panel.page()
                                .getByRole(
                                        AriaRole.BUTTON,
                                        new Page.GetByRoleOptions()
                                                .setName("Remove " + id)
                                                .setExact(true))));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void confirm(Page page, String ok) {
        page.getByRole(AriaRole.DIALOG)
                .getByRole(
                        AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName(ok).setExact(true))
                .click();
    }

    /** The plugin's entry in {@code GET /admin/plugins}, or null. */
    private static JsonNode plugin(String id) throws IOException {
        for (JsonNode plugin : JSON.readTree(send("GET", "/admin/plugins").body())) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        return null;
    }

    private static HttpResponse<String> send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(gateway.uri(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
