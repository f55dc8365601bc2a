package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With Miro failing the circuit opens: Miro is left alone, cached data is served stale, the rest gets 503. */
class CircuitBreakerTest {
    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("miro.retry.attempts", "1")
            .config("miro.circuit-breaker.volume", "4")
            .config("miro.circuit-breaker.error-ratio", "50")
            .config("miro.circuit-breaker.delay", "PT3S")
            .config("plugins.board-sync.fresh-for", "PT0.5S")
            .config("plugins.board-sync.stale-while-revalidate", "PT0S")
            .config("plugins.board-sync.memory-cache.ttl", "PT0S")
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    @Test
    void openCircuitServesStaleAndSparesMiro() {
        miro.board("uXjVbreaker=", "Cached before the outage");
        Http.get(gateway.uri("/api/boards/uXjVbreaker%3D"));
        long cached = System.nanoTime();
        miro.stub(get(urlPathMatching("/v2/boards/.*"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Http.get(gateway.uri("/api/boards/uXjVother%3D"))
                        .headers()
                        .firstValue("Retry-After")
                        .isPresent()); // only an open circuit knows when to come back
        // The copy must be past fresh-for (0.5 s) to be served stale; the circuit stays open for 3 s.
        await().atMost(Duration.ofSeconds(2)).until(() -> System.nanoTime() - cached > 600_000_000L);
        int callsWhenOpen = miro.count(anyRequestedFor(anyUrl()));
        HttpResponse<String> stale = Http.get(gateway.uri("/api/boards/uXjVbreaker%3D"));
        HttpResponse<String> uncached = Http.get(gateway.uri("/api/boards/uXjVnever%3D"));
        int callsAfter = miro.count(anyRequestedFor(anyUrl()));

        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("X-Cache")).contains("STALE");
        assertThat(Http.json(stale).path("name").asText()).isEqualTo("Cached before the outage");
        assertThat(uncached.statusCode()).isEqualTo(503);
        assertThat(uncached.headers().firstValue("Retry-After")).isPresent();
        assertThat(callsAfter).as("an open circuit does not call Miro").isEqualTo(callsWhenOpen);

        miro.board("uXjVbreaker=", "Back");
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Http.json(Http.get(gateway.uri("/api/boards/uXjVbreaker%3D")))
                        .path("name")
                        .asText()
                        .equals("Back"));
    }
}
