package com.mirogateway.plugins.legacyproxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code legacy.connection-pool-size} bounds the open connections to legacy: a request finding them all busy waits up
 * to {@code legacy.connect-timeout} for one, then gets 502, while the request holding the connection still completes.
 */
class ConnectionPoolLimitTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .legacyStub()
            .config("legacy.connection-pool-size", "1")
            .config("legacy.connect-timeout", "PT0.5S")
            .config("legacy.circuit-breaker.enabled", "false")
            .build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void requestFindingEveryConnectionBusyGets502AfterTheConnectTimeout() throws Exception {
        gateway.legacy()
                .orElseThrow()
                .stubFor(get(urlEqualTo("/api/slow"))
                        .willReturn(aResponse().withFixedDelay(3_000).withBody("slow")));
        gateway.legacy()
                .orElseThrow()
                .stubFor(get(urlEqualTo("/api/fast")).willReturn(aResponse().withBody("fast")));

        CompletableFuture<HttpResponse<String>> holding = HTTP.sendAsync(
                HttpRequest.newBuilder(gateway.uri("/api/slow")).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500); // the slow request holds the only connection
        long start = System.nanoTime();
        HttpResponse<String> waiting = HTTP.send(
                HttpRequest.newBuilder(gateway.uri("/api/fast")).build(), HttpResponse.BodyHandlers.ofString());
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(waiting.statusCode()).isEqualTo(502);
        assertThat(waiting.body()).contains("legacy-unreachable");
        assertThat(waitedMillis).isBetween(400L, 2_500L);
        HttpResponse<String> held = holding.get(10, TimeUnit.SECONDS);
        assertThat(held.statusCode()).isEqualTo(200);
        assertThat(held.body()).isEqualTo("slow");

        HttpResponse<String> after = HTTP.send(
                HttpRequest.newBuilder(gateway.uri("/api/fast")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("fast");
    }
}
