package com.mirogateway.dist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost: the distribution, on its default SQLite store, acknowledges 200 webhook deliveries, is
 * killed with SIGKILL at once, and applies all 200 to the board cache after a restart.
 */
class WebhookCrashIT {
    private static final String BOARD = "uXjVcrash1=";
    private static final int DELIVERIES = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final WireMockExtension MIRO =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @TempDir
    Path data;

    private final Distribution distribution = Distribution.current();
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void deliveriesAcknowledgedBeforeASigkillAreAllAppliedAfterTheRestart() throws Exception {
        MIRO.stubFor(post(urlPathEqualTo("/v2-experimental/webhooks/board_subscriptions"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"3458764500000000901\",\"type\":\"board_subscription\","
                                + "\"status\":\"enabled\",\"data\":{\"boardId\":\"" + BOARD + "\"}}")));
        Map<String, String> environment = GatewayProcess.environment(Map.of(
                "GATEWAY_GATEWAY_DATA_DIR",
                data.toString(),
                "GATEWAY_MIRO_BASE_URL",
                MIRO.baseUrl(),
                "GATEWAY_PLUGINS_WEBHOOKS_PUBLIC_BASE_URL",
                "https://gateway.example.com",
                "GATEWAY_PLUGINS_BOARD_SYNC_RESYNC_ENABLED",
                "false",
                // Jobs running at the kill come back (as a failed attempt) when their lease expires: keep that short
                // here.
                "GATEWAY_JOBS_LEASE",
                "PT3S",
                "GATEWAY_JOBS_RENEW_INTERVAL",
                "PT1S",
                "GATEWAY_JOBS_REAP_INTERVAL",
                "PT1S",
                "GATEWAY_JOBS_BACKOFF_BASE",
                "PT0.5S"));

        String secret;
        try (GatewayProcess gateway = GatewayProcess.start(
                distribution.launcher(),
                "webhook-crash-1",
                distribution.logs(),
                environment,
                GatewayProcess.freePort())) {
            gateway.awaitHealthy(client);
            HttpResponse<String> created =
                    send(gateway, "/admin/webhooks/subscriptions", "{\"boardId\":\"" + BOARD + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String callbackUrl = JSON.readTree(MIRO.findAll(
                                    postRequestedFor(urlPathEqualTo("/v2-experimental/webhooks/board_subscriptions")))
                            .getLast()
                            .getBodyAsString())
                    .path("callbackUrl")
                    .asText();
            secret = callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1);

            List<CompletableFuture<HttpResponse<String>>> acks = new ArrayList<>();
            for (int i = 0; i < DELIVERIES; i++) {
                acks.add(client.sendAsync(
                        request(gateway, "/webhooks/miro/" + secret, event(i)), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> ack : acks) {
                assertThat(ack.get().statusCode()).isEqualTo(200);
            }
            gateway.kill();
            assertThat(gateway.awaitExit(Duration.ofSeconds(10))).isEqualTo(137);
        }

        try (GatewayProcess gateway = GatewayProcess.start(
                distribution.launcher(),
                "webhook-crash-2",
                distribution.logs(),
                environment,
                GatewayProcess.freePort())) {
            gateway.awaitHealthy(client);
            await("all acknowledged deliveries applied after the restart")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> applied(gateway) == DELIVERIES);
            for (int i = 0; i < DELIVERIES; i += 37) {
                HttpResponse<String> item = client.send(
                        HttpRequest.newBuilder(gateway.uri("/api/boards/uXjVcrash1%3D/items/" + itemId(i)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(item.statusCode()).isEqualTo(200);
                assertThat(item.headers().firstValue("X-Cache")).hasValue("HIT");
                assertThat(JSON.readTree(item.body())
                                .path("data")
                                .path("content")
                                .asText())
                        .isEqualTo("note " + i);
            }
        }
    }

    private long applied(GatewayProcess gateway) throws Exception {
        JsonNode deliveries = JSON.readTree(client.send(
                        HttpRequest.newBuilder(gateway.uri("/admin/webhooks/deliveries?limit=1"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        return deliveries.path("counts").path("applied").asLong();
    }

    private static String itemId(int i) {
        return Long.toString(3458764517517990000L + i);
    }

    private static String event(int i) {
        return "{\"type\":\"board_event\",\"event\":{\"id\":\"crash-" + i + "\",\"boardId\":\"" + BOARD
                + "\",\"type\":\"create\",\"item\":{\"id\":\"" + itemId(i) + "\",\"type\":\"sticky_note\","
                + "\"data\":{\"content\":\"note " + i + "\"},\"modifiedAt\":\"2026-11-27T10:00:00Z\"}}}";
    }

    private static HttpRequest request(GatewayProcess gateway, String path, String json) {
        return HttpRequest.newBuilder(gateway.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private HttpResponse<String> send(GatewayProcess gateway, String path, String json) throws Exception {
        return client.send(request(gateway, path, json), HttpResponse.BodyHandlers.ofString());
    }
}
