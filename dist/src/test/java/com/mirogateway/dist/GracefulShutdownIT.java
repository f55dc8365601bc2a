package com.mirogateway.dist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops the gateway cleanly: a request in flight completes, then the process exits with status 143.
 *
 * <p>143 (128 + SIGTERM) is what the JVM reports for every shutdown SIGTERM asked for, after its shutdown hooks (the
 * gateway's drain among them) have run; it is the same on every run. Supervisors treat it as a clean stop (systemd
 * with {@code SuccessExitStatus=143}, Kubernetes and Docker regardless).
 */
class GracefulShutdownIT {
    private static final Duration UPSTREAM_DELAY = Duration.ofSeconds(1);

    @RegisterExtension
    static final WireMockExtension LEGACY =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @TempDir
    Path data;

    private final Distribution distribution = Distribution.current();
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void sigtermLetsTheRequestInFlightFinishThenExitsWith143() throws Exception {
        LEGACY.stubFor(get(urlEqualTo("/api/slow"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay((int) UPSTREAM_DELAY.toMillis())
                        .withBody("slow but complete")));
        try (GatewayProcess gateway = GatewayProcess.start(
                distribution.launcher(),
                "graceful-shutdown",
                distribution.logs(),
                GatewayProcess.environment(Map.of(
                        "GATEWAY_LEGACY_BASE_URL", LEGACY.baseUrl(), "GATEWAY_GATEWAY_DATA_DIR", data.toString())),
                GatewayProcess.freePort())) {
            gateway.awaitHealthy(client);

            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(gateway.uri("/api/slow")).build(), HttpResponse.BodyHandlers.ofString());
            await("request reaching the legacy service")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !LEGACY.findAll(getRequestedFor(urlEqualTo("/api/slow")))
                            .isEmpty());
            long stopAsked = System.nanoTime();
            gateway.terminate();

            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            int status = gateway.awaitExit(Duration.ofSeconds(10));
            Duration stopping = Duration.ofNanos(System.nanoTime() - stopAsked);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("slow but complete");
            assertThat(status).as(gateway.output()).isEqualTo(143);
            assertThat(stopping).isLessThan(Duration.ofSeconds(5));
            assertThat(gateway.stdoutLines())
                    .as("the shutdown is logged to the end")
                    .anySatisfy(line -> assertThat(line).contains("\"Plugin 'legacy-proxy' stopped\""))
                    .last()
                    .asString()
                    .contains("\"Gateway stopped\"");
        }
    }
}
