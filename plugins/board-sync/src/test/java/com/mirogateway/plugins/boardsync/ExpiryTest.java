package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Expiry and stale-if-error: a copy is fresh for one second, never served stale while Miro answers, and stands in for
 * an hour when Miro fails (5xx, broken connections, 429, an open circuit).
 */
class ExpiryTest {
    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("miro.retry.backoff-base", "PT0.01S")
            .config("miro.rate-limit.max-wait", "PT0S")
            .config("miro.circuit-breaker.volume", "1000")
            .config("plugins.board-sync.fresh-for", "PT1S")
            .config("plugins.board-sync.stale-while-revalidate", "PT0S")
            .config("plugins.board-sync.stale-if-error", "PT1H")
            .config("plugins.board-sync.memory-cache.ttl", "PT0.2S")
            .config("plugins.board-sync.wait-timeout", "PT0.3S")
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    private static HttpResponse<String> read(String encodedBoardId) {
        return Http.get(gateway.uri("/api/boards/" + encodedBoardId));
    }

    private static void expire(String encodedBoardId) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !read(encodedBoardId)
                        .headers()
                        .firstValue("X-Cache")
                        .orElse("")
                        .equals("HIT"));
    }

    @Test
    void expiredCopyIsFetchedAgain() {
        miro.board("uXjVexp=", "Old name");
        assertThat(read("uXjVexp%3D").headers().firstValue("X-Cache")).contains("MISS");
        assertThat(read("uXjVexp%3D").headers().firstValue("X-Cache")).contains("HIT");
        miro.board("uXjVexp=", "New name");

        expire("uXjVexp%3D");
        HttpResponse<String> fresh = read("uXjVexp%3D");

        assertThat(Http.json(fresh).path("name").asText()).isEqualTo("New name");
        assertThat(miro.gets(MiroStub.boardPath("uXjVexp="))).isGreaterThanOrEqualTo(2);
    }

    @Test
    void staleCopyStandsInWhenMiroFails() {
        miro.board("uXjVdown=", "Cached");
        read("uXjVdown%3D");
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjVdown=")))
                .willReturn(aResponse().withStatus(500).withBody("broken")));

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> read("uXjVdown%3D")
                        .headers()
                        .firstValue("X-Cache")
                        .orElse("")
                        .equals("STALE"));
        HttpResponse<String> stale = read("uXjVdown%3D");

        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("X-Cache")).contains("STALE");
        assertThat(Long.parseLong(stale.headers().firstValue("Age").orElseThrow()))
                .isGreaterThanOrEqualTo(1);
        assertThat(Http.json(stale).path("name").asText()).isEqualTo("Cached");
        assertThat(miro.gets(MiroStub.boardPath("uXjVdown=")))
                .as("5xx answers are retried (3 attempts per read)")
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void staleCopyStandsInWhenMiroIsUnreachable() {
        miro.board("uXjVreset=", "Cached");
        read("uXjVreset%3D");
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjVreset=")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        expire("uXjVreset%3D");
        HttpResponse<String> stale = read("uXjVreset%3D");

        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("X-Cache")).contains("STALE");
        assertThat(Http.json(stale).path("name").asText()).isEqualTo("Cached");
    }

    @Test
    void withNothingCachedMiroFailuresAreProblems() {
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjV500=")))
                .willReturn(aResponse().withStatus(503).withBody("down")));
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjVcut=")))
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        miro.stub(
                get(urlPathEqualTo(MiroStub.boardPath("uXjV403="))).willReturn(MiroStub.error(403, "forbiddenAccess")));
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjV400=")))
                .willReturn(MiroStub.error(400, "invalidParameters")));
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjV418="))).willReturn(MiroStub.error(418, "teapot")));

        HttpResponse<String> serverError = read("uXjV500%3D");
        HttpResponse<String> broken = read("uXjVcut%3D");

        assertThat(serverError.statusCode()).isEqualTo(502);
        assertThat(Http.json(serverError).path("type").asText())
                .isEqualTo("urn:miro-gateway:problem:miro-server-error");
        assertThat(broken.statusCode()).isEqualTo(503);
        assertThat(Http.json(broken).path("type").asText()).isEqualTo("urn:miro-gateway:problem:miro-unavailable");
        assertThat(read("uXjV403%3D").statusCode()).isEqualTo(403);
        assertThat(read("uXjV400%3D").statusCode()).isEqualTo(400);
        assertThat(read("uXjV418%3D").statusCode()).isEqualTo(502);
        assertThat(miro.gets(MiroStub.boardPath("uXjV403=")))
                .as("4xx answers are not retried")
                .isEqualTo(1);
    }

    @Test
    void waitingLongerThanTheWaitTimeoutForAnotherRequestsCallIsAGatewayTimeout() throws Exception {
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjVslow=")))
                .willReturn(
                        MiroStub.json(MiroStub.boardJson("uXjVslow=", "Slow")).withFixedDelay(2000)));

        CompletableFuture<HttpResponse<String>> leader = CompletableFuture.supplyAsync(() -> read("uXjVslow%3D"));
        await().atMost(Duration.ofSeconds(10)).until(() -> miro.gets(MiroStub.boardPath("uXjVslow=")) == 1);
        HttpResponse<String> follower = read("uXjVslow%3D");

        assertThat(follower.statusCode()).isEqualTo(504);
        assertThat(Http.json(follower).path("type").asText()).isEqualTo("urn:miro-gateway:problem:miro-timeout");
        assertThat(leader.get().statusCode()).isEqualTo(200);
        assertThat(miro.gets(MiroStub.boardPath("uXjVslow=")))
                .as("the follower did not call Miro itself")
                .isEqualTo(1);
    }
}
