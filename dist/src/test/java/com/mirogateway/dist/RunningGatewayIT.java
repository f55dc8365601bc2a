package com.mirogateway.dist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The distribution started with {@code bin/gateway} and its shipped configuration, a WireMock legacy service behind. */
class RunningGatewayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    static final WireMockExtension LEGACY =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @TempDir
    static Path data;

    private static final Distribution DISTRIBUTION = Distribution.current();
    private static GatewayProcess gateway;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayProcess.start(
                DISTRIBUTION.launcher(),
                "running-gateway",
                DISTRIBUTION.logs(),
                GatewayProcess.environment(Map.of(
                        "GATEWAY_LEGACY_BASE_URL", LEGACY.baseUrl(), "GATEWAY_GATEWAY_DATA_DIR", data.toString())),
                GatewayProcess.freePort());
        gateway.awaitHealthy(CLIENT); // after the assignment: a gateway that never gets healthy is still stopped
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void healthIsUpAndListsPluginStates() throws Exception {
        HttpResponse<String> response = send("/observe/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("checks").findValues("data"))
                .anySatisfy(
                        data -> assertThat(data.path("legacy-proxy").asText()).isEqualTo("STARTED"));
    }

    @Test
    void opsApiListsTheThreeShippedPluginsStarted() throws Exception {
        HttpResponse<String> response = send("/admin/plugins");

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> started = new ArrayList<>();
        for (JsonNode plugin : JSON.readTree(response.body())) {
            assertThat(plugin.path("version").asText()).isEqualTo(DISTRIBUTION.version());
            if ("STARTED".equals(plugin.path("state").asText())) {
                started.add(plugin.path("id").asText());
            }
        }
        assertThat(started).as(response.body()).containsExactly("board-sync", "legacy-proxy", "webhooks");
    }

    @Test
    void unclaimedApiRequestIsAnsweredByTheLegacyServiceThroughTheProxy() throws Exception {
        LEGACY.stubFor(get(urlEqualTo("/api/anything?x=1"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"from\":\"legacy\"}")));
        String requestId = "dist-proxy-" + UUID.randomUUID();

        HttpResponse<String> response = send(
                request("/api/anything?x=1").header("X-Request-Id", requestId).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"from\":\"legacy\"}");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(requestId);
        LEGACY.verify(getRequestedFor(urlEqualTo("/api/anything?x=1")).withHeader("X-Request-Id", equalTo(requestId)));
    }

    @Test
    void versionedAssetsAreCachedForeverAndTheEntryPointBriefly() throws Exception {
        HttpResponse<String> asset = send("/static/" + DISTRIBUTION.version() + "/app.js");
        HttpResponse<String> entry = send("/static/index.html");

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(entry.statusCode()).isEqualTo(200);
        assertThat(entry.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(entry.body()).contains("/static/" + DISTRIBUTION.version() + "/app.js");
    }

    @Test
    void everyLogLineIsOneJsonObjectAndRequestLinesCarryTheRequestId() throws Exception {
        String requestId = "dist-logs-" + UUID.randomUUID();
        // Disabling and enabling a plugin through the ops API logs from the request's thread.
        assertThat(send(post("/admin/plugins/webhooks/disable", requestId)).statusCode())
                .isEqualTo(200);
        assertThat(send(post("/admin/plugins/webhooks/enable", requestId)).statusCode())
                .isEqualTo(200);

        // The JVM's own plain-text notices (native access, class archive) would land on standard error.
        assertThat(gateway.stderrLines()).isEmpty();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : gateway.stdoutLines()) {
            JsonNode json = JSON.readTree(line);
            assertThat(json.isObject()).as(line).isTrue();
            assertThat(json.path("ts").isTextual()).as(line).isTrue();
            assertThat(json.path("level").isTextual()).as(line).isTrue();
            assertThat(json.path("logger").isTextual()).as(line).isTrue();
            assertThat(json.path("msg").isTextual()).as(line).isTrue();
            lines.add(json);
        }
        assertThat(lines)
                .filteredOn(json -> requestId.equals(json.path("requestId").asText()))
                .extracting(json -> json.path("msg").asText())
                .anySatisfy(msg -> assertThat(msg).contains("'webhooks'").contains("stopped"))
                .anySatisfy(msg -> assertThat(msg).contains("'webhooks'").contains("started"));
    }

    private static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(gateway.uri(pathAndQuery));
    }

    private static HttpRequest post(String path, String requestId) {
        return request(path)
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    private static HttpResponse<String> send(String pathAndQuery) throws Exception {
        return send(request(pathAndQuery).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
