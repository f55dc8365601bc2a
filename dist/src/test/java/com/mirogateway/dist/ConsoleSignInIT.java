package com.mirogateway.dist;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's sign-in against a real OIDC provider (mock-oauth2-server): authorization code with PKCE as a public
 * client, tokens in memory only, bearer calls to the ops API; a caller with only the viewer role sees everything and
 * changes nothing.
 */
class ConsoleSignInIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String ISSUER_ID = "default";
    private static final String AUDIENCE = "miro-gateway";
    private static final String CLIENT_ID = "ops-console";

    @RegisterExtension
    static final WireMockExtension LEGACY =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @TempDir
    static Path data;

    private static final Distribution DISTRIBUTION = Distribution.current();
    private static MockOAuth2Server provider;
    private static GatewayProcess gateway;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        browser = ConsoleBrowser.start();
        provider = new MockOAuth2Server();
        provider.start();
        gateway = GatewayProcess.start(
                DISTRIBUTION.launcher(),
                "console-sign-in",
                DISTRIBUTION.logs(),
                GatewayProcess.environment(Map.of(
                        "GATEWAY_SECURITY_ENABLED",
                        "true",
                        "GATEWAY_SECURITY_ISSUER",
                        provider.issuerUrl(ISSUER_ID).toString(),
                        "GATEWAY_SECURITY_AUDIENCE",
                        AUDIENCE,
                        "GATEWAY_SECURITY_CONSOLE_CLIENT_ID",
                        CLIENT_ID,
                        "GATEWAY_LEGACY_BASE_URL",
                        LEGACY.baseUrl(),
                        "GATEWAY_GATEWAY_DATA_DIR",
                        data.toString())),
                GatewayProcess.freePort());
        gateway.awaitHealthy(CLIENT);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void signsInWithAuthorizationCodeAndPkceAndKeepsTheTokenInMemoryOnly() {
        List<RecordedRequest> before = drain();
        Page page = signIn("olga", "ops");

        assertThat(page.locator("#session")).containsText("olga");
        assertThat(ConsoleBrowser.panel(page, "Plugins")).containsText("board-sync");
        assertThat(ConsoleBrowser.panel(page, "Jobs")).isVisible();
        for (String control : new String[] {
            "Disable board-sync", "Upload a new version of board-sync", "Remove board-sync", "Install a plugin"
        }) {
            assertThat(button(page, control)).isEnabled(); // the ops role may change things
        }
        assertThat(page.locator("#session")).not().containsText("read-only");
        assertThat(page.evaluate("localStorage.length + sessionStorage.length")).isEqualTo(0);
        assertThat(page.evaluate("document.cookie")).isEqualTo("");
        assertThat(page.url()).isEqualTo(gateway.uri("/console/").toString());

        List<RecordedRequest> requests = drain();
        requests.removeAll(before);
        RecordedRequest authorize = find(requests, "/" + ISSUER_ID + "/authorize");
        assertThat(authorize.getRequestUrl().queryParameter("code_challenge_method"))
                .isEqualTo("S256");
        assertThat(authorize.getRequestUrl().queryParameter("code_challenge")).hasSizeGreaterThan(40);
        assertThat(authorize.getRequestUrl().queryParameter("client_id")).isEqualTo(CLIENT_ID);
        String token = find(requests, "/" + ISSUER_ID + "/token").getBody().readUtf8();
        assertThat(token)
                .contains("grant_type=authorization_code")
                .contains("code_verifier=")
                .contains("client_id=" + CLIENT_ID)
                .doesNotContain("client_secret");
        page.context().close();
    }

    @Test
    void aViewerSeesEveryPanelButCannotChangeAnything() throws Exception {
        Page page = signIn("vera", "ops-viewer");
        for (String panel : new String[] {"Overview", "Plugins", "Routes", "Jobs", "Cache", "Audit"}) {
            assertThat(ConsoleBrowser.panel(page, panel)).isVisible();
        }
        assertThat(page.locator("#session")).containsText("read-only");
        assertThat(ConsoleBrowser.panel(page, "Plugins")).containsText("board-sync");
        for (String control : new String[] {
            "Disable board-sync",
            "Upload a new version of board-sync",
            "Roll back board-sync",
            "Remove board-sync",
            "Install a plugin",
            "Purge the whole cache"
        }) {
            assertThat(button(page, control)).isDisabled();
        }
        assertThat(page.getByRole(
                        AriaRole.COMBOBOX,
                        new Page.GetByRoleOptions()
                                .setName("Mode of GET /api/boards/{boardId}")
                                .setExact(true)))
                .isDisabled();
        assertThat(page.locator("main [data-change]:enabled")).hasCount(0);
        assertThat(button(page, "Next page")).hasCount(1); // reading controls stay usable

        // The page only greys the controls out; the ops API itself refuses every change to the viewer.
        String viewer = token("vera", "ops-viewer");
        byte[] jar = Files.readAllBytes(
                DISTRIBUTION.home().resolve("plugins/board-sync-" + DISTRIBUTION.version() + ".jar"));
        List<HttpResponse<String>> refused = List.of(
                send(viewer, "PUT", "/admin/plugins/board-sync", jar, "application/java-archive", digest(jar)),
                send(viewer, "POST", "/admin/plugins/board-sync/rollback", null, null, null),
                send(viewer, "DELETE", "/admin/plugins/board-sync", null, null, null),
                send(viewer, "POST", "/admin/plugins/board-sync/disable", null, null, null),
                send(
                        viewer,
                        "PUT",
                        "/admin/routes/GET%3A%2Fapi%2Fboards%2F%7BboardId%7D/mode",
                        "{\"mode\":\"legacy\"}".getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        null),
                send(viewer, "DELETE", "/admin/cache", null, null, null));
        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode())
                    .as(response.request() + " " + response.body())
                    .isEqualTo(403);
            assertThat(JSON.readTree(response.body()).path("detail").asText())
                    .isEqualTo("Changes through the ops API need the 'ops' role; 'ops-viewer' may only read");
        }
        assertThat(send(viewer, "GET", "/admin/plugins", null, null, null).statusCode())
                .isEqualTo(200);
        JsonNode boardSync = boardSync();
        assertThat(boardSync.path("state").asText()).isEqualTo("STARTED");
        assertThat(boardSync.path("version").asText()).isEqualTo(DISTRIBUTION.version());
        page.context().close();
    }

    private static Page signIn(String subject, String role) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(
                ISSUER_ID, subject, "JWT", List.of(AUDIENCE), Map.of("roles", List.of(role)), 3600));
        Page page = browser.page();
        page.navigate(gateway.uri("/console/").toString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForSelector("body[data-ready=true]");
        return page;
    }

    private static JsonNode boardSync() throws IOException {
        HttpResponse<String> response = send(token("olga", "ops"), "GET", "/admin/plugins", null, null, null);
        for (JsonNode plugin : JSON.readTree(response.body())) {
            if (plugin.path("id").asText().equals("board-sync")) {
                return plugin;
            }
        }
        throw new AssertionError("no board-sync in " + response.body());
    }

    private static String token(String subject, String role) {
        return provider.issueToken(
                        ISSUER_ID,
                        "test",
                        new DefaultOAuth2TokenCallback(
                                ISSUER_ID, subject, "JWT", List.of(AUDIENCE), Map.of("roles", List.of(role)), 3600))
                .serialize();
    }

    private static HttpResponse<String> send(
            String token, String method, String path, byte[] body, String contentType, String digest) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (digest != null) {
            request.header("Content-Digest", digest);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String digest(byte[] body) throws NoSuchAlgorithmException {
        return "sha-256=:"
                + Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(body)) + ":";
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Every request the provider received and the test has not taken yet. */
    private static List<RecordedRequest> drain() {
        List<RecordedRequest> requests = new ArrayList<>();
        while (true) {
            RecordedRequest request;
            try {
                request = provider.takeRequest(100, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) { // none within the timeout
                return requests;
            }
            if (request == null) {
                return requests;
            }
            requests.add(request);
        }
    }

    private static RecordedRequest find(List<RecordedRequest> requests, String path) {
        return requests.stream()
                .filter(r -> r.getRequestUrl().encodedPath().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the provider got no request to " + path + ": " + requests));
    }
}
