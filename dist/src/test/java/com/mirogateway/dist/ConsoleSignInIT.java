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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable board-sync")))
                .isVisible();
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
        for (String panel : new String[] {"Overview", "Plugins", "Routes", "Jobs"}) {
            assertThat(ConsoleBrowser.panel(page, panel)).isVisible();
        }

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable board-sync"))
                .click();
        page.getByRole(AriaRole.DIALOG)
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable board-sync"))
                .click();

        Locator problem = page.getByRole(AriaRole.ALERT);
        assertThat(problem).containsText("Forbidden");
        assertThat(problem).containsText("Changes through the ops API need the 'ops' role; 'ops-viewer' may only read");
        assertThat(page.locator("#session")).containsText("read-only");
        assertThat(boardSyncState()).isEqualTo("STARTED");
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

    private static String boardSyncState() throws IOException, InterruptedException {
        String token = provider.issueToken(
                        ISSUER_ID,
                        "test",
                        new DefaultOAuth2TokenCallback(
                                ISSUER_ID, "olga", "JWT", List.of(AUDIENCE), Map.of("roles", List.of("ops")), 3600))
                .serialize();
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(gateway.uri("/admin/plugins"))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode plugin : JSON.readTree(response.body())) {
            if (plugin.path("id").asText().equals("board-sync")) {
                return plugin.path("state").asText();
            }
        }
        throw new AssertionError("no board-sync in " + response.body());
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
