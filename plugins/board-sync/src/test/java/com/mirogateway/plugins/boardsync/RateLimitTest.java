package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Miro's 429: no call reaches Miro before the reset it named; clients get 503 with Retry-After, or a stale copy. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitTest {
    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("miro.rate-limit.max-wait", "PT0S")
            .config("plugins.board-sync.fresh-for", "PT0.5S")
            .config("plugins.board-sync.stale-while-revalidate", "PT0S")
            .config("plugins.board-sync.memory-cache.ttl", "PT0S")
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    @Test
    @Order(1)
    void afterA429NoCallGoesToMiroBeforeTheReset() {
        miro.board("uXjVcached=", "Cached before the limit");
        Http.get(gateway.uri("/api/boards/uXjVcached%3D"));
        long reset = Instant.now().getEpochSecond() + 3;
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjVlimited=")))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("X-RateLimit-Limit", "100000")
                        .withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", Long.toString(reset))
                        .withBody("{\"status\":429,\"code\":\"tooManyRequests\",\"message\":\"Request rate limit"
                                + " exceed\",\"context\":null,\"type\":\"error\"}")));

        HttpResponse<String> limited = Http.get(gateway.uri("/api/boards/uXjVlimited%3D"));
        int callsAfter429 = miro.count(anyRequestedFor(anyUrl()));
        HttpResponse<String> again = Http.get(gateway.uri("/api/boards/uXjVlimited%3D"));
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Http.get(gateway.uri("/api/boards/uXjVcached%3D"))
                        .headers()
                        .firstValue("X-Cache")
                        .orElse("")
                        .equals("STALE"));

        assertThat(limited.statusCode()).isEqualTo(503);
        assertThat(Http.json(limited).path("type").asText()).isEqualTo("urn:miro-gateway:problem:miro-rate-limited");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 4L);
        assertThat(again.statusCode()).isEqualTo(503);
        assertThat(miro.count(anyRequestedFor(anyUrl())))
                .as("neither the second read nor the cached board's revalidation called Miro before the reset")
                .isEqualTo(callsAfter429);

        miro.board("uXjVlimited=", "After the reset");
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Http.get(gateway.uri("/api/boards/uXjVlimited%3D")).statusCode() == 200);
        assertThat(Instant.now().getEpochSecond()).isGreaterThanOrEqualTo(reset);
    }

    @Test
    @Order(2)
    void mirosSurfaceAnswersTheLimitAsMiroWould() {
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjVv2limit=")))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader(
                                "X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 1))));

        HttpResponse<String> limited = Http.get(gateway.uri("/v2/boards/uXjVv2limit%3D"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Http.json(limited).path("code").asText()).isEqualTo("tooManyRequests");
        assertThat(Http.json(limited).path("type").asText()).isEqualTo("error");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }
}
