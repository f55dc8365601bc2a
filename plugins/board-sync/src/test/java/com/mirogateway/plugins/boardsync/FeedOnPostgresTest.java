package com.mirogateway.plugins.boardsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestPostgres;
import com.mirogateway.plugins.boardsync.testplugins.CacheEventsPlugin;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The feed across two instances sharing PostgreSQL: a change applied through one reaches a stream held by the other
 * within a second (the event table is polled), and the other's replica lists show it.
 */
class FeedOnPostgresTest {
    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestPostgres database = TestPostgres.create();

    @RegisterExtension
    static TestGateway first = gateway();

    @RegisterExtension
    static TestGateway second = gateway();

    private static TestGateway gateway() {
        return TestGateway.builder()
                .reactorPlugin(Path.of("."))
                .plugin(PluginJar.of("cache-events").classes(CacheEventsPlugin.class))
                .config("store.url", database.url())
                .config("store.username", "postgres")
                .config("miro.base-url", miro.baseUrl())
                .config("jobs.poll-interval", "PT0.2S")
                .config("plugins.board-sync.resync.enabled", "false")
                .build();
    }

    @Test
    void changeThroughOneInstanceReachesStreamsAndListsOfTheOther() throws Exception {
        String board = "uXjVpgfeed=";
        miro.board(board, "Shared feed");
        miro.itemPages(board, ReplicaTest.items(board, 12), 20, 0);
        Syncs.run(first, "uXjVpgfeed%3D");
        assertThat(ReplicaTest.walk(second, "/v2/boards/uXjVpgfeed%3D/items", "", 50, 12))
                .hasSize(12);

        try (SseStream stream = FeedTest.follow(FeedTest.feed(second, "uXjVpgfeed%3D"))) {
            FeedTest.event(first, board, 50, "from the first instance", "2026-02-01T00:00:00Z");
            long applied = System.nanoTime();

            SseStream.Event event = stream.next(Duration.ofSeconds(1));

            assertThat(Duration.ofNanos(System.nanoTime() - applied)).isLessThan(Duration.ofSeconds(1));
            assertThat(event).isNotNull();
            assertThat(event.name()).isEqualTo("item.created");
            assertThat(event.data()).contains("from the first instance");
        }
        assertThat(ReplicaTest.walk(second, "/v2/boards/uXjVpgfeed%3D/items", "", 50, 13))
                .as("the second instance's memory of the board was dropped")
                .hasSize(13);
    }
}
