package com.mirogateway.plugins.boardsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.plugins.boardsync.testplugins.CacheEventsPlugin;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The feed's limits, with short settings: events older than {@code events.retention} are gone and a client resuming
 * from one gets a {@code reset}; idle streams get a keepalive comment; beyond {@code events.max-streams} the answer is
 * 503 with {@code Retry-After}.
 */
class FeedLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .plugin(PluginJar.of("cache-events").classes(CacheEventsPlugin.class))
            .config("plugins.board-sync.resync.enabled", "false")
            .config("plugins.board-sync.events.retention", "PT1S")
            .config("plugins.board-sync.events.keepalive", "PT1S")
            .config("plugins.board-sync.events.poll-interval", "PT0.2S")
            .config("plugins.board-sync.events.max-streams", "2")
            .config("plugins.board-sync.events.retry-after", "PT7S")
            .build();

    /**
     * Follows a feed once this instance has room: a stream whose client left frees its place when the next write (at
     * the latest the next keepalive) fails.
     */
    private static SseStream followWhenFree(String encodedBoard, String... headers) {
        return await().atMost(WAIT)
                .until(
                        () -> {
                            SseStream stream = SseStream.open(FeedTest.feed(gateway, encodedBoard), headers);
                            if (stream.response().statusCode() == 503) {
                                stream.close();
                                return null;
                            }
                            return stream;
                        },
                        stream -> stream != null);
    }

    @Test
    void anIdOlderThanTheRetentionGetsAReset() throws Exception {
        String board = "uXjVlim1=";
        FeedTest.event(gateway, board, 1, "one", "2026-02-01T00:00:00Z");
        FeedTest.event(gateway, board, 2, "two", "2026-02-01T00:00:00Z");

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    try (SseStream stream =
                            FeedTest.follow(FeedTest.feed(gateway, "uXjVlim1%3D"), "Last-Event-ID", "1")) {
                        SseStream.Event reset = stream.next(WAIT);
                        assertThat(reset.name()).isEqualTo("reset");
                        assertThat(reset.id()).isEqualTo("2");
                        assertThat(reset.data()).contains("\"reason\":\"expired\"");
                    }
                });
    }

    @Test
    void idleStreamsGetAKeepaliveComment() throws Exception {
        try (SseStream stream = followWhenFree("uXjVlim2%3D")) {
            assertThat(stream.comment(WAIT)).isEqualTo("board uXjVlim2=");
            assertThat(stream.comment(WAIT)).isEqualTo("keepalive");
            assertThat(stream.comment(WAIT)).isEqualTo("keepalive");
        }
    }

    @Test
    void streamsBeyondTheLimitAre503WithRetryAfter() throws Exception {
        try (SseStream first = followWhenFree("uXjVlim3%3D");
                SseStream second = followWhenFree("uXjVlim4%3D")) {
            assertThat(List.of(first, second)).as("two streams open").hasSize(2);
            HttpResponse<String> refused = Http.get(FeedTest.feed(gateway, "uXjVlim3%3D"));

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("7");
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
        try (SseStream again = followWhenFree("uXjVlim3%3D")) {
            assertThat(again.response().statusCode()).as("places are freed").isEqualTo(200);
        }
    }
}
