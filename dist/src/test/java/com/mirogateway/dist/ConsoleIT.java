package com.mirogateway.dist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops console in headless chromium against the distribution (security off, so loopback only), with WireMock as
 * the legacy service and as Miro, and 10,000 dead jobs in the queue. Screenshots of every panel at 1280x800 and
 * 390x844 go to {@code target/console-screenshots/}.
 */
class ConsoleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String BOARD = "uXjVConsole1";
    private static final String OTHER_BOARD = "uXjVConsole2";
    private static final String ROUTE = "GET /api/boards/{boardId}";
    private static final String ROUTE_ID = "GET%3A%2Fapi%2Fboards%2F%7BboardId%7D";
    private static final int DEAD_JOBS = 10_000;

    @RegisterExtension
    static final WireMockExtension LEGACY = WireMockExtension.newInstance()
            .options(options().dynamicPort())
            .resetOnEachTest(false)
            .build();

    @RegisterExtension
    static final WireMockExtension MIRO = WireMockExtension.newInstance()
            .options(options().dynamicPort())
            .resetOnEachTest(false)
            .build();

    @TempDir
    static Path data;

    private static final Distribution DISTRIBUTION = Distribution.current();
    private static GatewayProcess gateway;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = ConsoleBrowser.start();
        stubMiroAndLegacy();
        gateway = GatewayProcess.start(
                DISTRIBUTION.launcher(),
                "console",
                DISTRIBUTION.logs(),
                GatewayProcess.environment(Map.of(
                        "GATEWAY_LEGACY_BASE_URL",
                        LEGACY.baseUrl(),
                        "GATEWAY_MIRO_BASE_URL",
                        MIRO.baseUrl(),
                        "GATEWAY_GATEWAY_DATA_DIR",
                        data.toString(),
                        "GATEWAY_PLUGINS_WEBHOOKS_PUBLIC_BASE_URL",
                        "https://gateway.example.com",
                        "GATEWAY_PLUGINS_BOARD_SYNC_RESYNC_ENABLED",
                        "false",
                        "GATEWAY_ROUTING_DIFF_FLUSH_INTERVAL",
                        "PT0.2S")),
                GatewayProcess.freePort());
        gateway.awaitHealthy(CLIENT);
        assertThat(send("GET", "/api/boards/" + BOARD).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/boards/" + OTHER_BOARD).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/admin/webhooks/subscriptions", "{\"boardId\":\"" + BOARD + "\"}")
                        .statusCode())
                .isEqualTo(201);
        insertDeadJobs(data.resolve("gateway.db"));
        assertThat(refusedUpload(AUDITED).statusCode()).isEqualTo(400); // refused, and audited
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
    void everyPanelRendersRealDataAtBothSizes() throws IOException {
        for (int[] size : ConsoleBrowser.SIZES) {
            long claimed = 0;
            for (JsonNode route : JSON.readTree(send("GET", "/admin/routes").body())) {
                claimed += route.path("mode").isNull() ? 0 : 1;
            }
            long dead = counts().path("states").path("dead").asLong();
            Page page = open(size[0], size[1]);

            Locator overview = ConsoleBrowser.panel(page, "Overview");
            assertThat(overview).containsText(DISTRIBUTION.version());
            assertThat(overview).containsText("3 of 3 started");
            assertThat(overview).containsText(claimed + " claimed");
            assertThat(overview.locator(".figures > div", new Locator.LocatorOptions().setHasText("Dead jobs")))
                    .containsText(String.format(Locale.ENGLISH, "%,d", dead));
            assertThat(ConsoleBrowser.panel(page, "Plugins")).containsText("board-sync");
            assertThat(ConsoleBrowser.panel(page, "Routes")
                            .locator("tr", new Locator.LocatorOptions().setHas(modeOf(page))))
                    .containsText("board-sync"); // its owner
            assertThat(button(page, "Disable board-sync")).isVisible();
            assertThat(page.getByRole(
                            AriaRole.COMBOBOX,
                            new Page.GetByRoleOptions()
                                    .setName("Mode of " + ROUTE)
                                    .setExact(true)))
                    .isVisible();
            Locator jobs = ConsoleBrowser.panel(page, "Jobs");
            assertThat(jobs.locator("tbody tr")).hasCount(50); // one page of the 10,002 jobs
            assertThat(jobs).containsText("console-it.bulk");
            assertThat(ConsoleBrowser.panel(page, "Cache")).containsText(BOARD);
            assertThat(button(page, "Purge cache of " + BOARD)).isVisible();
            assertThat(ConsoleBrowser.panel(page, "Webhooks")).containsText(BOARD);
            assertThat(ConsoleBrowser.panel(page, "Webhooks")).containsText("enabled");
            assertThat(ConsoleBrowser.panel(page, "Audit")
                            .locator("tr", new Locator.LocatorOptions().setHasText(AUDITED)))
                    .containsText("invalid-content-digest");
            assertThat(ConsoleBrowser.panel(page, "Cluster"))
                    .containsText(DISTRIBUTION.version().replace("-SNAPSHOT", ""));
            assertThat(ConsoleBrowser.panel(page, "Cluster")).containsText("up");

            for (String panel :
                    new String[] {"Overview", "Plugins", "Routes", "Jobs", "Cache", "Webhooks", "Audit", "Cluster"}) {
                ConsoleBrowser.panel(page, panel).scrollIntoViewIfNeeded();
                ConsoleBrowser.screenshot(page, panel);
            }
            assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling of the page at " + size[0] + "x" + size[1])
                    .isEqualTo(true);
            page.context().close();
        }
    }

    @Test
    void figuresRefreshWithoutAReloadAndPauseWhileTheTabIsHidden() {
        Page page = open(1280, 800);
        Locator audit = ConsoleBrowser.panel(page, "Audit");
        LocatorAssertions.ContainsTextOptions withinAPoll =
                new LocatorAssertions.ContainsTextOptions().setTimeout(12_000); // 5 s, and slack for a loaded machine

        refusedUpload("console-it-live-1");
        assertThat(audit).containsText("console-it-live-1", withinAPoll);

        page.evaluate(VISIBILITY, true);
        page.waitForTimeout(2_000); // a refresh already under way may still land
        Object refreshed = page.evaluate("document.body.dataset.refreshed");
        refusedUpload("console-it-live-2");
        page.waitForTimeout(7_000); // more than one polling interval
        assertThat(page.evaluate("document.body.dataset.refreshed")).isEqualTo(refreshed);
        assertThat(audit).not().containsText("console-it-live-2");

        page.evaluate(VISIBILITY, false); // back in view: refreshed at once, before the next 5 s tick
        assertThat(audit)
                .containsText("console-it-live-2", new LocatorAssertions.ContainsTextOptions().setTimeout(4_500));
        page.context().close();
    }

    @Test
    void theReadmesFirstScreenSaysHowToOpenTheConsole() throws IOException {
        List<String> firstScreen =
                Files.readAllLines(Path.of("..", "README.md")).subList(0, 24);
        String text = String.join("\n", firstScreen);
        assertThat(text).contains("./dev run").contains("http://127.0.0.1:8080/console/");

        Matcher link = Pattern.compile("http://127\\.0\\.0\\.1:8080(/\\S*?)>").matcher(text);
        assertThat(link.find()).as(text).isTrue();

        Page page = browser.page(); // the link, on this gateway's port, opens the console
        page.navigate(gateway.uri(link.group(1)).toString());
        page.waitForSelector("body[data-ready=true]");
        assertThat(ConsoleBrowser.panel(page, "Plugins")).isVisible();
        page.context().close();
    }

    @Test
    void tenThousandDeadJobsArePagedByTheServerAndRetriedInOneCall() {
        Page page = open(1280, 800);
        Locator jobs = ConsoleBrowser.panel(page, "Jobs");
        jobs.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("State"))
                .selectOption("dead");
        jobs.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Type"))
                .selectOption("console-it.bulk");

        assertThat(jobs).containsText("Page 1 of 200");
        assertThat(jobs.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Jobs by state")))
                .containsText("dead 10,002");
        assertThat(jobs.locator("tbody tr")).hasCount(50);
        jobs.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Next page"))
                .click();
        assertThat(jobs).containsText("Page 2 of 200");

        jobs.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry all matching"))
                .click();
        confirm(page, "Retry 10,000 dead jobs of type console-it.bulk");
        assertThat(page.locator("#status")).hasText("10,000 jobs queued again");
        assertThat(jobs).containsText("no jobs match");
        assertThat(counts().path("types").path("console-it.bulk").path("queued").asLong())
                .isEqualTo(DEAD_JOBS);
        page.context().close();
    }

    @Test
    void retryingADeadJobQueuesItAgain() throws Exception {
        Page page = open(1280, 800);
        Locator jobs = ConsoleBrowser.panel(page, "Jobs");
        jobs.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Type"))
                .selectOption("console-it.one");

        button(page, "Retry job " + ONE_JOB).click();

        assertThat(page.locator("#status")).hasText("Job " + ONE_JOB + " queued again");
        assertThat(job(ONE_JOB).path("state").asText()).isEqualTo("queued");
        assertThat(button(page, "Retry job " + ONE_JOB)).hasCount(0);
        page.context().close();
    }

    @Test
    void aFailedActionShowsTheProblemsTitleAndDetail() throws Exception {
        Page page = open(1280, 800);
        Locator jobs = ConsoleBrowser.panel(page, "Jobs");
        jobs.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Type"))
                .selectOption("console-it.gone");
        Locator retry = button(page, "Retry job " + GONE_JOB);
        assertThat(retry).isVisible();
        assertThat(send("DELETE", "/admin/jobs/" + GONE_JOB).statusCode()).isEqualTo(204);

        retry.click();

        Locator problem = page.getByRole(AriaRole.ALERT);
        assertThat(problem).containsText("Not Found");
        assertThat(problem).containsText("No job " + GONE_JOB);
        page.context().close();
    }

    @Test
    void disablingAndEnablingAPluginWithTheKeyboard() throws Exception {
        Page page = open(1280, 800);

        button(page, "Disable webhooks").focus();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.DIALOG)).containsText("Disable webhooks?");
        page.keyboard().press("Tab"); // from Cancel (focused first) to the confirming button
        page.keyboard().press("Enter");

        assertThat(page.locator("#status")).hasText("webhooks is DISABLED");
        assertThat(button(page, "Enable webhooks")).isVisible();
        assertThat(ConsoleBrowser.panel(page, "Webhooks")).isHidden(); // its endpoints are gone with it
        assertThat(plugin("webhooks").path("state").asText()).isEqualTo("DISABLED");

        button(page, "Enable webhooks").click();
        confirm(page, "Enable webhooks");
        assertThat(page.locator("#status")).hasText("webhooks is STARTED");
        assertThat(button(page, "Disable webhooks")).isVisible();
        assertThat(ConsoleBrowser.panel(page, "Webhooks")).isVisible();
        assertThat(plugin("webhooks").path("state").asText()).isEqualTo("STARTED");
        Locator audit = ConsoleBrowser.panel(page, "Audit");
        assertThat(audit.locator("tbody tr").filter(new Locator.FilterOptions().setHasText("disable")))
                .not()
                .hasCount(0);
        assertThat(audit).containsText("webhooks");
        page.context().close();
    }

    @Test
    void switchingARouteToShadowShowsItsDiffsGroupedByPath() throws Exception {
        Page page = open(1280, 800);
        Locator mode = page.getByRole(
                AriaRole.COMBOBOX,
                new Page.GetByRoleOptions().setName("Mode of " + ROUTE).setExact(true));

        mode.selectOption("shadow");
        assertThat(page.getByRole(AriaRole.DIALOG))
                .containsText("Clients get the legacy service's answers; each GET or HEAD also runs board-sync");
        confirm(page, "Switch to shadow");
        assertThat(page.locator("#status")).hasText(ROUTE + " is in shadow mode");
        assertThat(modeOfRoute()).isEqualTo("shadow");
        for (int i = 0; i < 3; i++) {
            assertThat(send("GET", "/api/boards/" + BOARD).body()).contains("Legacy name");
        }

        Locator diffs = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Diffs of " + ROUTE));
        assertThat(diffs).containsText("$.name");
        Locator row = diffs.locator("tr", new Locator.LocatorOptions().setHasText("$.name"));
        assertThat(row).containsText("3"); // three mismatching comparisons, one group
        assertThat(row).containsText("Legacy name");
        assertThat(row).containsText("Console board");
        ConsoleBrowser.screenshot(page, "Routes", "routes-shadow-diffs");

        mode.selectOption("plugin");
        confirm(page, "Switch to plugin");
        assertThat(page.locator("#status")).hasText(ROUTE + " is in plugin mode");
        assertThat(modeOfRoute()).isEqualTo("plugin");
        page.context().close();
    }

    @Test
    void purgingABoardEmptiesItsCache() throws Exception {
        Page page = open(1280, 800);

        button(page, "Purge cache of " + OTHER_BOARD).click();
        confirm(page, "Purge cache of " + OTHER_BOARD);

        assertThat(page.locator("#status")).containsText("Removed 1 boards");
        assertThat(button(page, "Purge cache of " + OTHER_BOARD)).hasCount(0);
        HttpResponse<String> refetched = send("GET", "/api/boards/" + OTHER_BOARD);
        assertThat(refetched.headers().firstValue("X-Cache"))
                .as(refetched.statusCode() + " " + refetched.headers().map() + " " + refetched.body())
                .hasValue("MISS");
        page.context().close();
    }

    /** A refused upload that {@code start()} makes, so the Audit panel has a row to show. */
    private static final String AUDITED = "console-it-probe";

    /** Makes the page believe its tab is hidden ({@code true}) or shown again, as a browser does on a tab switch. */
    private static final String VISIBILITY = """
            (hidden) => {
              Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
              Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
              document.dispatchEvent(new Event('visibilitychange'));
            }""";

    private static final String ONE_JOB = UUID.randomUUID().toString();
    private static final String GONE_JOB = UUID.randomUUID().toString();

    private static Page open(int width, int height) {
        Page page = browser.page(width, height);
        page.navigate(gateway.uri("/console/").toString());
        page.waitForSelector("body[data-ready=true]");
        return page;
    }

    private static Locator modeOf(Page page) {
        return page.getByRole(
                AriaRole.COMBOBOX,
                new Page.GetByRoleOptions().setName("Mode of " + ROUTE).setExact(true));
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

    private static void stubMiroAndLegacy() {
        for (String board : new String[] {BOARD, OTHER_BOARD}) {
            MIRO.stubFor(
                    get(urlPathEqualTo("/v2/boards/" + board)).willReturn(json(200, board(board, "Console board"))));
            LEGACY.stubFor(
                    get(urlPathEqualTo("/api/boards/" + board)).willReturn(json(200, board(board, "Legacy name"))));
        }
        MIRO.stubFor(post(urlPathEqualTo("/v2-experimental/webhooks/board_subscriptions"))
                .willReturn(json(
                        201,
                        "{\"id\":\"3458764500000000901\",\"type\":\"board_subscription\","
                                + "\"status\":\"enabled\",\"data\":{\"boardId\":\"" + BOARD + "\"}}")));
        MIRO.stubFor(get(urlPathEqualTo("/v2-experimental/webhooks/subscriptions"))
                .willReturn(json(200, "{\"data\":[{\"id\":\"3458764500000000901\",\"status\":\"enabled\"}]}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private static String board(String id, String name) {
        return "{\"id\":\"" + id + "\",\"type\":\"board\",\"name\":\"" + name + "\",\"description\":\"\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"modifiedAt\":\"2026-01-02T00:00:00Z\"}";
    }

    /** 10,000 dead jobs of one type, one of another and one to delete behind the console's back, straight into SQLite. */
    private static void insertDeadJobs(Path database) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            db.createStatement().execute("PRAGMA busy_timeout = 10000");
            db.setAutoCommit(false);
            long now = System.currentTimeMillis();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO gateway_jobs (id, type, payload, state,"
                    + " attempt, max_attempts, run_at, created_at, finished_at, last_error)"
                    + " VALUES (?, ?, '{}', 'dead', 3, 3, ?, ?, ?, 'Miro answered 500 three times')")) {
                for (int i = 0; i < DEAD_JOBS + 2; i++) {
                    String id = i == DEAD_JOBS
                            ? ONE_JOB
                            : i == DEAD_JOBS + 1 ? GONE_JOB : UUID.randomUUID().toString();
                    String type = i == DEAD_JOBS
                            ? "console-it.one"
                            : i == DEAD_JOBS + 1 ? "console-it.gone" : "console-it.bulk";
                    insert.setString(1, id);
                    insert.setString(2, type);
                    insert.setLong(3, now);
                    insert.setLong(4, now - DEAD_JOBS + i);
                    insert.setLong(5, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            db.commit();
        }
    }

    /** An upload without Content-Digest: refused with a 400 and recorded in the audit under {@code id}. */
    private static HttpResponse<String> refusedUpload(String id) {
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/admin/plugins/" + id))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/java-archive")
                .PUT(HttpRequest.BodyPublishers.ofString("not a jar"))
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String modeOfRoute() throws IOException {
        return JSON.readTree(send("GET", "/admin/routes/" + ROUTE_ID + "/mode").body())
                .path("mode")
                .asText();
    }

    private static JsonNode plugin(String id) throws IOException {
        for (JsonNode plugin : JSON.readTree(send("GET", "/admin/plugins").body())) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin " + id);
    }

    private static JsonNode job(String id) throws IOException {
        return JSON.readTree(send("GET", "/api/jobs/" + id).body());
    }

    private static JsonNode counts() {
        try {
            return JSON.readTree(send("GET", "/admin/jobs/counts").body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> send(String method, String path) {
        return send(method, path, null);
    }

    private static HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(30));
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
