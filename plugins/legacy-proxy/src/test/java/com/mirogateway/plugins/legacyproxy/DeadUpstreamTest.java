package com.mirogateway.plugins.legacyproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The legacy service is down (nothing listens on its port): 502 first, then the breaker answers 503 at once. */
class DeadUpstreamTest {
    private static final int VOLUME = 4;

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("legacy.base-url", "http://127.0.0.1:" + closedPort())
            .config("legacy.circuit-breaker.volume", String.valueOf(VOLUME))
            .config("legacy.circuit-breaker.error-ratio", "50")
            .config("legacy.circuit-breaker.delay", "PT30S")
            .build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(gateway.uri(path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deadLegacyServiceAnswers502ThenTheOpenBreakerAnswers503Fast() throws Exception {
        HttpResponse<String> first = get("/api/boards");

        assertThat(first.statusCode()).isEqualTo(502);
        assertThat(first.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(first.body()).contains("urn:miro-gateway:problem:legacy-unreachable");

        List<Integer> statuses = new ArrayList<>(List.of(first.statusCode()));
        HttpResponse<String> response = first;
        for (int i = 0; i < VOLUME * 2 && response.statusCode() != 503; i++) {
            response = get("/api/boards");
            statuses.add(response.statusCode());
        }
        assertThat(statuses)
                .as("statuses until the breaker opened")
                .endsWith(503)
                .hasSizeLessThanOrEqualTo(VOLUME + 1);
        assertThat(statuses.subList(0, statuses.size() - 1)).containsOnly(502);
        assertThat(response.headers().firstValue("Retry-After")).contains("30");
        assertThat(response.body()).contains("urn:miro-gateway:problem:legacy-circuit-open");

        long start = System.nanoTime();
        HttpResponse<String> fast = get("/api/other");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(fast.statusCode()).isEqualTo(503);
        assertThat(fast.headers().firstValue("Retry-After")).contains("30");
        assertThat(took).isLessThan(Duration.ofMillis(500));
    }
}
