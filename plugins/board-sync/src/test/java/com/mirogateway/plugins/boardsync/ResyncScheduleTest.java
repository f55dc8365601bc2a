package com.mirogateway.plugins.boardsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The re-sync schedule syncs boards clients read, and leaves boards nobody read alone. */
class ResyncScheduleTest {
    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("jobs.poll-interval", "PT0.2S")
            .config("plugins.board-sync.resync.interval", "PT1S")
            .build();

    @Test
    void recentlyReadBoardsAreResynced() {
        miro.board("uXjVread=", "Read");
        miro.items("uXjVread=", 5, 10, 3458764517517850000L);
        miro.board("uXjVunread=", "Unread");
        miro.items("uXjVunread=", 5, 10, 3458764517517860000L);

        Http.get(gateway.uri("/api/boards/uXjVread%3D"));

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> miro.gets(MiroStub.boardPath("uXjVread=") + "/items") >= 1);
        assertThat(miro.gets(MiroStub.boardPath("uXjVunread=") + "/items")).isZero();
    }
}
