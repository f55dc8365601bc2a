package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.plugins.boardsync.testplugins.CacheEventsPlugin;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Synced boards are a local replica: every item list (both surfaces, any limit, type and parent filters, the
 * gateway's cursors) is answered without Miro, in Miro's envelope; events and {@code /v2} writes show in the next
 * list; boards never synced keep the per-query read-through.
 */
class ReplicaTest {
    private static final long FIRST = 3458764517517100000L;
    private static final long FRAME = 3458764517517000001L;

    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .plugin(PluginJar.of("cache-events").classes(CacheEventsPlugin.class))
            .config("miro.base-url", miro.baseUrl())
            .config("jobs.poll-interval", "PT0.2S")
            .config("plugins.board-sync.sync.page-size", "40")
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    /** Item {@code i} of a test board: every third a text, every fifth in a frame. */
    static String item(String board, int i, String content, String modifiedAt) {
        String json =
                MiroStub.childJson(board, FIRST + i, i % 3 == 0 ? "text" : "sticky_note", content, FRAME, modifiedAt);
        return i % 5 == 0 ? json : json.replace(",\"parent\":{\"id\":\"" + FRAME + "\"}", "");
    }

    static List<String> items(String board, int count) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(item(board, i, "note " + i, "2026-01-02T00:00:00Z"));
        }
        return items;
    }

    static List<String> ids(int count, IntPredicate which) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (which.test(i)) {
                ids.add(Long.toString(FIRST + i));
            }
        }
        return ids;
    }

    /** Walks a list over every page, checking each envelope; returns the ids in order. */
    static List<String> walk(TestGateway gateway, String path, String query, int limit, long total) {
        List<String> seen = new ArrayList<>();
        String next = path + "?limit=" + limit + query;
        while (next != null) {
            HttpResponse<String> response = Http.get(gateway.uri(next));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Cache")).contains("HIT");
            assertThat(response.headers().firstValue("Age")).isPresent();
            JsonNode page = Http.json(response);
            assertThat(page.path("total").asLong()).isEqualTo(total);
            assertThat(page.path("limit").asInt()).isEqualTo(limit);
            assertThat(page.path("size").asInt()).isEqualTo(page.path("data").size());
            assertThat(page.path("links").path("self").asText()).startsWith(path + "?");
            page.path("data").forEach(item -> seen.add(item.path("id").asText()));
            if (page.has("cursor")) {
                assertThat(page.path("size").asInt()).isEqualTo(limit);
                next = page.path("links").path("next").asText();
                assertThat(next)
                        .startsWith(path + "?")
                        .contains("cursor=" + page.path("cursor").asText());
            } else {
                assertThat(seen).hasSize((int) total);
                next = null;
            }
        }
        return seen;
    }

    @Test
    void syncedBoardIsListedFromTheReplicaWithoutCallingMiro() {
        String board = "uXjVrep1=";
        miro.board(board, "Replica");
        miro.itemPages(board, items(board, 95), 40, 0);
        Syncs.run(gateway, "uXjVrep1%3D");
        miro.server().resetRequests();

        for (String surface : List.of("/api", "/v2")) {
            String path = surface + "/boards/uXjVrep1%3D/items";
            for (int limit : List.of(10, 25, 50)) {
                assertThat(walk(gateway, path, "", limit, 95)).isEqualTo(ids(95, i -> true));
            }
            assertThat(walk(gateway, path, "&type=text", 10, 32)).isEqualTo(ids(95, i -> i % 3 == 0));
            assertThat(walk(gateway, path, "&parent_item_id=" + FRAME, 10, 19)).isEqualTo(ids(95, i -> i % 5 == 0));
            assertThat(walk(gateway, path, "&type=sticky_note&parent_item_id=" + FRAME, 10, 12))
                    .isEqualTo(ids(95, i -> i % 3 != 0 && i % 5 == 0));
        }

        assertThat(miro.server().getAllServeEvents()).as("no call to Miro").isEmpty();
    }

    @Test
    void eventsAndV2WritesShowInTheNextListRead() {
        String board = "uXjVrep2=";
        String path = "/v2/boards/uXjVrep2%3D/items";
        miro.board(board, "Changing");
        miro.itemPages(board, items(board, 12), 40, 0);
        Syncs.run(gateway, "uXjVrep2%3D");
        assertThat(walk(gateway, path, "", 50, 12)).hasSize(12);
        miro.server().resetRequests();

        String changed = item(board, 4, "changed by an event", "2026-02-01T00:00:00Z");
        assertThat(Http.post(gateway.uri("/api/test-events/" + board + "/items"), changed)
                        .statusCode())
                .isEqualTo(204);
        assertThat(content(path, 4)).isEqualTo("changed by an event");

        String created = item(board, 40, "created by an event", "2026-02-01T00:00:00Z");
        Http.post(gateway.uri("/api/test-events/" + board + "/items"), created);
        assertThat(walk(gateway, path, "", 50, 13)).endsWith(Long.toString(FIRST + 40));

        Http.method(gateway.uri("/api/test-events/" + board + "/items/" + (FIRST + 7)), "DELETE", null);
        assertThat(walk(gateway, path, "", 50, 12)).doesNotContain(Long.toString(FIRST + 7));

        String patched = item(board, 5, "patched through v2", "2026-03-01T00:00:00Z");
        miro.stub(patch(urlPathEqualTo(MiroStub.boardPath(board) + "/items/" + (FIRST + 5)))
                .willReturn(MiroStub.json(patched)));
        assertThat(Http.method(gateway.uri(path + "/" + (FIRST + 5)), "PATCH", "{\"data\":{}}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(content(path, 5)).isEqualTo("patched through v2");

        String note = item(board, 41, "posted through v2", "2026-03-01T00:00:00Z");
        miro.stub(post(urlPathEqualTo(MiroStub.boardPath(board) + "/sticky_notes"))
                .willReturn(MiroStub.json(note).withStatus(201)));
        Http.post(gateway.uri("/v2/boards/uXjVrep2%3D/sticky_notes"), "{\"data\":{\"content\":\"x\"}}");
        assertThat(walk(gateway, path, "", 50, 13)).endsWith(Long.toString(FIRST + 41));

        miro.stub(delete(urlPathEqualTo(MiroStub.boardPath(board) + "/items/" + (FIRST + 4)))
                .willReturn(aResponse().withStatus(204)));
        assertThat(Http.method(gateway.uri(path + "/" + (FIRST + 4)), "DELETE", null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(walk(gateway, path, "", 50, 12)).doesNotContain(Long.toString(FIRST + 4));

        assertThat(miro.gets(MiroStub.boardPath(board) + "/items"))
                .as("no list call to Miro")
                .isZero();
    }

    @Test
    void boardsNeverSyncedKeepTheReadThroughPerQuery() {
        String board = "uXjVrep4=";
        miro.board(board, "Unsynced");
        miro.items(board, 15, 10, FIRST);

        HttpResponse<String> first = Http.get(gateway.uri("/api/boards/uXjVrep4%3D/items?limit=10"));
        HttpResponse<String> again = Http.get(gateway.uri("/api/boards/uXjVrep4%3D/items?limit=10"));

        assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(Http.json(first).path("cursor").asText())
                .as("Miro's own cursor")
                .isEqualTo("c1");
        assertThat(again.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(miro.gets(MiroStub.boardPath(board) + "/items")).isEqualTo(1);
    }

    private static String content(String path, int i) {
        JsonNode page = Http.json(Http.get(gateway.uri(path + "?limit=50")));
        for (JsonNode item : page.path("data")) {
            if (item.path("id").asText().equals(Long.toString(FIRST + i))) {
                return item.path("data").path("content").asText();
            }
        }
        return "(not listed)";
    }
}
