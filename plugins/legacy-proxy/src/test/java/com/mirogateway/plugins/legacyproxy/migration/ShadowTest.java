package com.mirogateway.plugins.legacyproxy.migration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.mirogateway.plugins.legacyproxy.migration.Ops.BOARD_ROUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shadow and legacy-vs-legacy modes: legacy answers the client unchanged; safe requests run a second time off the
 * client's path and the answers are compared, counted and reported.
 */
class ShadowTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .plugin(PluginJar.of("migrated").classes(MigratedBoardsPlugin.class))
            .legacyStub()
            .config("gateway.drain-timeout", "PT2S")
            .config("routing.shadow.timeout", "PT1S")
            .config("routing.shadow.max-body-size", "4096")
            .config("routing.diff.ignore-fields.0", "etag")
            .config("routing.diff.flush-interval", "PT0.2S")
            .build();

    private static WireMockServer legacy() {
        return gateway.legacy().orElseThrow();
    }

    @BeforeEach
    void shadowTheBoardRoute() {
        Ops.stubLegacyBoards(legacy());
        Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"shadow\",\"ignoreFields\":[\"$.createdAt\"]}");
        Ops.resetDiffs(gateway, BOARD_ROUTE);
    }

    private static JsonNode shadow() {
        return Ops.diffs(gateway, BOARD_ROUTE).get("shadow");
    }

    private static JsonNode awaitShadow(String count, int value) {
        await().atMost(Duration.ofSeconds(15)).until(() -> shadow().get(count).asInt() >= value);
        return shadow();
    }

    private static HttpResponse<String> getBoard(String id, String... headers) {
        HttpResponse<String> response = Ops.get(gateway, "/api/boards/" + id, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    @Test
    void theClientGetsExactlyWhatLegacySentAndKeyOrderAloneMatches() {
        int before = Ops.probe(gateway).path("GET").asInt();

        HttpResponse<String> response = getBoard("same");

        assertThat(response.body()).isEqualTo(Ops.legacyBoard("same", "Board same", ""));
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode counts = awaitShadow("compared", 1);
        assertThat(counts.get("matching").asInt()).isEqualTo(1);
        assertThat(counts.get("mismatching").asInt()).isZero();
        assertThat(counts.get("pluginErrors").asInt()).isZero();
        assertThat(counts.get("matchRate").asDouble()).isEqualTo(1.0);
        assertThat(counts.get("mismatches")).isEmpty();
        assertThat(Ops.probe(gateway).path("GET").asInt()).isEqualTo(before + 1);
        JsonNode listed = Ops.json(Ops.get(gateway, "/admin/routes").body());
        assertThat(listed.findValues("matchRate").stream().filter(JsonNode::isNumber))
                .singleElement()
                .satisfies(rate -> assertThat(rate.asDouble()).isEqualTo(1.0));
    }

    @Test
    void unsafeMethodsAreNeverShadowed() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            Ops.putMode(gateway, method + ":/api/boards/{boardId}", "{\"mode\":\"shadow\"}");
            HttpResponse<String> response = Ops.send(gateway, method, "/api/boards/b1", "{\"name\":\"x\"}");
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.body()).isEqualTo("legacy write");
        }
        getBoard("b1");

        awaitShadow("compared", 1);
        JsonNode probe = Ops.probe(gateway);
        assertThat(probe.has("POST") || probe.has("PUT") || probe.has("PATCH") || probe.has("DELETE"))
                .isFalse();
        assertThat(shadow().get("compared").asInt()).isEqualTo(1);
        assertThat(shadow().get("skipped").asInt()).isZero();
    }

    @Test
    void aRealDifferenceIsReportedWithItsPathBothValuesAndSecretsMasked() {
        getBoard("diff", "Authorization", "Bearer very-secret", "X-Trace", "t-1");

        JsonNode counts = awaitShadow("mismatching", 1);
        assertThat(counts.get("matchRate").asDouble()).isZero();
        JsonNode report = counts.get("mismatches").get(0);
        assertThat(report.get("route").asText()).isEqualTo(BOARD_ROUTE);
        assertThat(report.get("differenceCount").asInt()).isEqualTo(1);
        JsonNode difference = report.get("differences").get(0);
        assertThat(difference.get("path").asText()).isEqualTo("$.name");
        assertThat(difference.get("change").asText()).isEqualTo("changed");
        assertThat(difference.get("legacy").asText()).isEqualTo("Legacy name");
        assertThat(difference.get("plugin").asText()).isEqualTo("Plugin name");
        JsonNode request = report.get("request");
        assertThat(request.get("path").asText()).isEqualTo("/api/boards/diff");
        assertThat(request.get("headers").get("Authorization").asText()).isEqualTo("***");
        assertThat(request.get("headers").get("X-Trace").asText()).isEqualTo("t-1");
        assertThat(report.get("legacy").get("status").asInt()).isEqualTo(200);
        assertThat(report.toString()).doesNotContain("very-secret");
    }

    @Test
    void secretQueryParametersAndBodyFieldsAreMasked() {
        getBoard("secret?token=abc123&page=2");

        JsonNode report = awaitShadow("mismatching", 1).get("mismatches").get(0);
        assertThat(report.get("request").get("query").asText()).isEqualTo("token=***&page=2");
        JsonNode difference = report.get("differences").get(0);
        assertThat(difference.get("path").asText()).isEqualTo("$.token");
        assertThat(difference.get("legacy").asText()).isEqualTo("***");
        assertThat(report.toString()).doesNotContain("abc123").doesNotContain("legacy-secret");
    }

    @Test
    void ignoredFieldsAreIgnored() {
        getBoard("ignored");

        JsonNode counts = awaitShadow("compared", 1);
        assertThat(counts.get("matching").asInt()).isEqualTo(1);
    }

    @Test
    void aHangingPluginNeitherSlowsNorFailsTheClient() {
        HttpResponse<String> response = getBoard("hang");

        assertThat(response.body()).isEqualTo(Ops.legacyBoard("hang", "Board hang", ""));
        // The shadow copy runs off the client's path and may start a moment after the answer; seeing it hang after
        // the client has its answer shows the client did not wait for it (it hangs until routing.shadow.timeout).
        await("the plugin still hangs after the client got its answer")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Ops.probe(gateway).get("hanging").asInt() > 0);
        JsonNode counts = awaitShadow("pluginErrors", 1);
        assertThat(counts.get("compared").asInt()).isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Ops.probe(gateway).get("hanging").asInt() == 0);
    }

    @Test
    void aThrowingPluginDoesNotFailTheClientAndCountsAsAnError() {
        HttpResponse<String> response = getBoard("throw");

        assertThat(response.body()).isEqualTo(Ops.legacyBoard("throw", "Board throw", ""));
        JsonNode counts = awaitShadow("compared", 1);
        assertThat(counts.get("pluginErrors").asInt()).isEqualTo(1);
        assertThat(counts.get("mismatching").asInt()).isEqualTo(1);
        JsonNode report = counts.get("mismatches").get(0);
        assertThat(report.get("plugin").get("status").asInt()).isEqualTo(500);
        assertThat(report.get("plugin").get("error").asText()).contains("IllegalStateException");
        assertThat(report.get("differences").get(0).get("path").asText()).isEqualTo("status");
    }

    @Test
    void largeBodiesReachTheClientWholeAndAreNotCompared() {
        String big = "{\"id\":\"big\",\"blob\":\"" + "x".repeat(100_000) + "\"}";
        Ops.board(legacy(), "big", big);

        HttpResponse<String> response = getBoard("big");

        assertThat(response.body()).isEqualTo(big);
        JsonNode counts = awaitShadow("skipped", 1);
        assertThat(counts.get("compared").asInt()).isZero();
    }

    @Test
    void comparisonsAreCountedInTheMetrics() {
        getBoard("same");
        awaitShadow("compared", 1);

        String metrics = Ops.get(gateway, "/observe/metrics").body();

        assertThat(metrics).contains("gateway_route_comparisons_total").contains("outcome=\"matching\"");
    }

    @Test
    void legacyVsLegacyShowsWhichFieldsAreNaturallyUnstable() {
        legacy().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/boards/clock"))
                .atPriority(1)
                .inScenario("clock")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("later")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"clock\",\"servedAt\":1}")));
        legacy().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/boards/clock"))
                .atPriority(1)
                .inScenario("clock")
                .whenScenarioStateIs("later")
                .willSetStateTo(Scenario.STARTED)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"clock\",\"servedAt\":2}")));
        Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"legacy-vs-legacy\"}");
        int pluginCalls = Ops.probe(gateway).path("GET").asInt();

        HttpResponse<String> response = getBoard("clock");

        assertThat(response.body()).isEqualTo("{\"id\":\"clock\",\"servedAt\":1}");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Ops.diffs(gateway, BOARD_ROUTE)
                                .get("legacyVsLegacy")
                                .get("mismatching")
                                .asInt()
                        == 1);
        JsonNode calibration = Ops.diffs(gateway, BOARD_ROUTE).get("legacyVsLegacy");
        JsonNode difference =
                calibration.get("mismatches").get(0).get("differences").get(0);
        assertThat(difference.get("path").asText()).isEqualTo("$.servedAt");
        assertThat(difference.get("legacy").asInt()).isEqualTo(1);
        assertThat(difference.get("legacyAgain").asInt()).isEqualTo(2);
        assertThat(shadow().get("compared").asInt()).isZero();
        assertThat(Ops.probe(gateway).path("GET").asInt()).isEqualTo(pluginCalls);
    }
}
