package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.plugins.boardsync.testplugins.CacheEventsPlugin;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The change feed, {@code GET /api/boards/{boardId}/events}: events of webhook changes, {@code /v2} writes and syncs
 * reach a subscriber at once, {@code Last-Event-ID} (or {@code ?since=}) replays exactly what was missed, and an id the
 * log cannot continue from gets a {@code reset}.
 */
class FeedTest {
    static final long FIRST = 3458764517517300000L;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .plugin(PluginJar.of("cache-events").classes(CacheEventsPlugin.class))
            .config("miro.base-url", miro.baseUrl())
            .config("jobs.poll-interval", "PT0.2S")
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    static String note(String board, int i, String content, String modifiedAt) {
        return MiroStub.childJson(board, FIRST + i, "sticky_note", content, 1, modifiedAt)
                .replace(",\"parent\":{\"id\":\"1\"}", "");
    }

    static void event(TestGateway gateway, String board, int i, String content, String modifiedAt) {
        assertThat(Http.post(gateway.uri("/api/test-events/" + board + "/items"), note(board, i, content, modifiedAt))
                        .statusCode())
                .isEqualTo(204);
    }

    static URI feed(TestGateway gateway, String encodedBoard) {
        return gateway.uri("/api/boards/" + encodedBoard + "/events");
    }

    /** Opens a stream and waits until the gateway sent its opening comment (the subscription is in place). */
    static SseStream follow(URI feed, String... headers) throws InterruptedException {
        SseStream stream = SseStream.open(feed, headers);
        assertThat(stream.response().statusCode()).isEqualTo(200);
        assertThat(stream.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(stream.comment(WAIT)).startsWith("board ");
        return stream;
    }

    @Test
    void subscriberReceivesAWebhookChangeWithinASecond() throws Exception {
        String board = "uXjVfeed1=";
        try (SseStream stream = follow(feed(gateway, "uXjVfeed1%3D"))) {
            event(gateway, board, 1, "hello", "2026-02-01T00:00:00Z");
            long applied = System.nanoTime();

            SseStream.Event created = stream.next(Duration.ofSeconds(1));

            assertThat(Duration.ofNanos(System.nanoTime() - applied)).isLessThan(Duration.ofSeconds(1));
            assertThat(created).isNotNull();
            assertThat(created.name()).isEqualTo("item.created");
            assertThat(created.id()).isEqualTo("1");
            assertThat(Http.json(created.data()).path("data").path("content").asText())
                    .isEqualTo("hello");

            event(gateway, board, 1, "again", "2026-02-02T00:00:00Z");
            Http.method(gateway.uri("/api/test-events/" + board + "/items/" + (FIRST + 1)), "DELETE", null);
            SseStream.Event updated = stream.next(WAIT);
            SseStream.Event deleted = stream.next(WAIT);
            assertThat(List.of(updated.name(), updated.id(), deleted.name(), deleted.id(), deleted.data()))
                    .containsExactly("item.updated", "2", "item.deleted", "3", "{\"id\":\"" + (FIRST + 1) + "\"}");
        }
    }

    @Test
    void lastEventIdReplaysExactlyTheMissedEvents() throws Exception {
        String board = "uXjVfeed2=";
        String last;
        try (SseStream stream = follow(feed(gateway, "uXjVfeed2%3D"))) {
            event(gateway, board, 1, "one", "2026-02-01T00:00:00Z");
            event(gateway, board, 2, "two", "2026-02-01T00:00:00Z");
            stream.next(WAIT);
            last = stream.next(WAIT).id();
        }
        event(gateway, board, 3, "three", "2026-02-01T00:00:00Z");
        event(gateway, board, 1, "one again", "2026-02-02T00:00:00Z");
        Http.method(gateway.uri("/api/test-events/" + board + "/items/" + (FIRST + 2)), "DELETE", null);

        for (SseStream resumed : List.of(
                follow(feed(gateway, "uXjVfeed2%3D"), "Last-Event-ID", last),
                follow(URI.create(feed(gateway, "uXjVfeed2%3D") + "?since=" + last)))) {
            try (resumed) {
                List<String> replayed = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    SseStream.Event event = resumed.next(WAIT);
                    replayed.add(event.id() + " " + event.name());
                }
                assertThat(replayed).containsExactly("3 item.created", "4 item.updated", "5 item.deleted");
                assertThat(resumed.next(Duration.ofMillis(300)))
                        .as("nothing more")
                        .isNull();
            }
        }
    }

    @Test
    void writesThroughV2AndSyncsAreEvents() throws Exception {
        String board = "uXjVfeed3=";
        miro.board(board, "Feed");
        miro.itemPages(board, List.of(note(board, 1, "one", "2026-01-02T00:00:00Z")), 10, 0);
        try (SseStream stream = follow(feed(gateway, "uXjVfeed3%3D"))) {
            Syncs.run(gateway, "uXjVfeed3%3D");
            SseStream.Event synced = stream.next(WAIT);
            assertThat(synced.name()).isEqualTo("board.synced");
            assertThat(synced.data()).isEqualTo("{\"boardId\":\"uXjVfeed3=\",\"items\":1}");

            miro.stub(patch(urlPathEqualTo(MiroStub.boardPath(board) + "/sticky_notes/" + (FIRST + 1)))
                    .willReturn(MiroStub.json(note(board, 1, "patched", "2026-03-01T00:00:00Z"))));
            Http.method(gateway.uri("/v2/boards/uXjVfeed3%3D/sticky_notes/" + (FIRST + 1)), "PATCH", "{\"data\":{}}");
            SseStream.Event patched = stream.next(WAIT);
            assertThat(patched.name()).isEqualTo("item.updated");
            assertThat(patched.data()).contains("patched");
        }
    }

    @Test
    void anIdTheBoardNeverReachedGetsAReset() throws Exception {
        String board = "uXjVfeed4=";
        event(gateway, board, 1, "one", "2026-02-01T00:00:00Z");
        try (SseStream stream = follow(feed(gateway, "uXjVfeed4%3D"), "Last-Event-ID", "99")) {
            SseStream.Event reset = stream.next(WAIT);
            assertThat(reset.name()).isEqualTo("reset");
            assertThat(reset.id()).isEqualTo("1");
            assertThat(reset.data()).contains("\"reason\":\"unknown\"", "\"lastEventId\":1");

            event(gateway, board, 2, "two", "2026-02-01T00:00:00Z");
            assertThat(stream.next(WAIT).id())
                    .as("continues after the reset's id")
                    .isEqualTo("2");
        }
    }

    @Test
    void malformedLastEventIdIsABadRequest() {
        assertThat(Http.get(URI.create(feed(gateway, "uXjVfeed5%3D") + "?since=abc"))
                        .statusCode())
                .isEqualTo(400);
    }
}
