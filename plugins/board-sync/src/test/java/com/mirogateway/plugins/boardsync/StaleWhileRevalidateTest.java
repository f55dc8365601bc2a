package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stale-while-revalidate: an expired copy is served at once while one background call refreshes it. */
class StaleWhileRevalidateTest {
    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("plugins.board-sync.fresh-for", "PT1S")
            .config("plugins.board-sync.stale-while-revalidate", "PT1M")
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    @Test
    void expiredCopyIsServedAtOnceWhileOneCallRefreshesIt() {
        String path = MiroStub.boardPath("uXjVswr=");
        miro.board("uXjVswr=", "Before");
        assertThat(Http.get(gateway.uri("/api/boards/uXjVswr%3D")).headers().firstValue("X-Cache"))
                .contains("MISS");
        miro.stub(get(urlPathEqualTo(path))
                .willReturn(
                        MiroStub.json(MiroStub.boardJson("uXjVswr=", "After")).withFixedDelay(1500)));

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Http.get(gateway.uri("/api/boards/uXjVswr%3D"))
                        .headers()
                        .firstValue("X-Cache")
                        .orElse("")
                        .equals("STALE"));
        long started = System.nanoTime();
        HttpResponse<String> stale = Http.get(gateway.uri("/api/boards/uXjVswr%3D"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(stale.headers().firstValue("X-Cache")).contains("STALE");
        assertThat(Http.json(stale).path("name").asText()).isEqualTo("Before");
        assertThat(tookMillis)
                .as("served without waiting for Miro's 1.5 s answer")
                .isLessThan(1000);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Http.json(Http.get(gateway.uri("/api/boards/uXjVswr%3D")))
                        .path("name")
                        .asText()
                        .equals("After"));
        assertThat(miro.gets(path)).as("one refresh however many stale reads").isEqualTo(2);
        assertThat(Http.get(gateway.uri("/api/boards/uXjVswr%3D")).headers().firstValue("X-Cache"))
                .contains("HIT");
    }
}
