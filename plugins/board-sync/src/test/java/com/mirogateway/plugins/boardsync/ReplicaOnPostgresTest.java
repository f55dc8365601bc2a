package com.mirogateway.plugins.boardsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The replica on two gateway instances sharing PostgreSQL: a board synced through one is listed from the replica by
 * the other without Miro, and a re-sync that removes items is never seen half done by a concurrent reader (the second
 * instance keeps nothing in memory, so every read is a database read during the switch).
 */
class ReplicaOnPostgresTest {
    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestPostgres database = TestPostgres.create();

    @RegisterExtension
    static TestGateway first = gateway("10000");

    @RegisterExtension
    static TestGateway second = gateway("0");

    private static TestGateway gateway(String memoryEntries) {
        return TestGateway.builder()
                .reactorPlugin(Path.of("."))
                .config("store.url", database.url())
                .config("store.username", "postgres")
                .config("miro.base-url", miro.baseUrl())
                .config("jobs.poll-interval", "PT0.2S")
                .config("plugins.board-sync.sync.page-size", "20")
                .config("plugins.board-sync.memory-cache.max-entries", memoryEntries)
                .config("plugins.board-sync.resync.enabled", "false")
                .build();
    }

    @Test
    void boardSyncedThroughOneInstanceIsListedFromTheReplicaByTheOther() {
        String board = "uXjVpgrep1=";
        miro.board(board, "Shared");
        miro.itemPages(board, ReplicaTest.items(board, 45), 20, 0);
        Syncs.run(first, "uXjVpgrep1%3D");
        miro.server().resetRequests();

        assertThat(ReplicaTest.walk(second, "/v2/boards/uXjVpgrep1%3D/items", "", 10, 45))
                .isEqualTo(ReplicaTest.ids(45, i -> true));
        assertThat(ReplicaTest.walk(second, "/api/boards/uXjVpgrep1%3D/items", "&type=text", 10, 15))
                .isEqualTo(ReplicaTest.ids(45, i -> i % 3 == 0));
        assertThat(miro.server().getAllServeEvents()).as("no call to Miro").isEmpty();
    }

    @Test
    void resyncThatRemovesItemsIsNeverSeenHalfDone() throws Exception {
        String board = "uXjVpgrep2=";
        miro.board(board, "Shrinking");
        List<String> all = ReplicaTest.items(board, 120);
        miro.itemPages(board, all, 20, 0);
        Syncs.run(first, "uXjVpgrep2%3D");
        List<String> before = ReplicaTest.ids(120, i -> true).subList(0, 50);
        List<String> after = ReplicaTest.ids(120, i -> i % 2 == 0).subList(0, 50);

        List<String> even = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 2) {
            even.add(all.get(i));
        }
        miro.itemPages(board, even, 20, 300);
        AtomicBoolean synced = new AtomicBoolean();
        CompletableFuture<List<String>> reads = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            int afterSync = 0;
            while (afterSync < 3) {
                afterSync += synced.get() ? 1 : 0;
                HttpResponse<String> response = Http.get(second.uri("/api/boards/uXjVpgrep2%3D/items?limit=50"));
                JsonNode page = Http.json(response);
                List<String> ids = new ArrayList<>();
                page.path("data").forEach(item -> ids.add(item.path("id").asText()));
                long total = page.path("total").asLong();
                if (total == 120 && ids.equals(before)) {
                    seen.add("old");
                } else if (total == 60 && ids.equals(after)) {
                    seen.add("new");
                } else {
                    seen.add("mixed: total " + total + ", " + ids);
                }
            }
            return seen;
        });
        Syncs.run(first, "uXjVpgrep2%3D");
        synced.set(true);

        List<String> seen = reads.get();
        assertThat(seen).containsOnly("old", "new").startsWith("old").endsWith("new");
    }
}
