package com.mirogateway.plugins.boardsync;

import com.fasterxml.jackson.databind.node.TextNode;
import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.api.Routes;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET /api/boards/{boardId}/events}: the board's change feed as server-sent events. Each event's {@code id} is
 * its number in the board's sequence, its name the change ({@code item.created}, {@code item.updated},
 * {@code item.deleted}, {@code board.synced}) and its data JSON. A client that sends {@code Last-Event-ID} (or
 * {@code ?since=}) first gets what it missed; one whose number is older than the retention (or unknown) gets one
 * {@code reset} event, with the current number as its id, and should reload the board. Without either the stream
 * starts at the present. A comment line every {@code keepalive} keeps idle connections open.
 *
 * <p>The handler holds the request's virtual thread for the life of the stream; it ends when the client goes away or
 * the plugin stops. Beyond {@code max-streams} streams on this instance the answer is 503 with {@code Retry-After}.
 */
final class EventStream {
    private static final System.Logger LOG = System.getLogger(EventStream.class.getName());
    private static final int REPLAY_BATCH = 500;
    private static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");

    private final EventHub hub;
    private final EventLog log;
    private final Duration keepalive;
    private final Duration retryAfter;

    EventStream(EventHub hub, EventLog log, Duration keepalive, Duration retryAfter) {
        this.hub = hub;
        this.log = log;
        this.keepalive = keepalive;
        this.retryAfter = retryAfter;
    }

    void register(Routes routes) {
        routes.get("/api/boards/{boardId}/events", this::stream);
    }

    private void stream(ServerRequest req, ServerResponse res) {
        String boardId = ApiRoutes.boardId(req);
        OptionalLong since = since(req);
        EventHub.Subscription subscription = hub.subscribe(boardId)
                .orElseThrow(() -> new ProblemException(
                                Status.SERVICE_UNAVAILABLE_503,
                                "too-many-streams",
                                "This instance serves as many event streams as it may; try again later")
                        .header("Retry-After", Long.toString(retryAfter.toSeconds())));
        try (subscription) {
            BoardChannel channel = subscription.channel();
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            res.header("X-Accel-Buffering", "no");
            try (SseSink sink = res.sink(SseSink.TYPE)) {
                sink.emit(SseEvent.builder().comment("board " + boardId).build());
                long cursor = start(sink, boardId, since);
                follow(sink, channel, boardId, cursor);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the client went away (writes fail) or the connection was closed
            LOG.log(Level.DEBUG, "Event stream of board {0} ended: {1}", boardId, e.getMessage());
        }
    }

    /** Sends what the client missed, or a reset; returns the number the stream continues after. */
    private long start(SseSink sink, String boardId, OptionalLong since) {
        EventLog.Head head = log.head(boardId);
        if (since.isEmpty()) {
            return head.lastSeq();
        }
        long cursor = since.getAsLong();
        if (cursor < head.prunedThrough() || cursor > head.lastSeq()) {
            return reset(sink, boardId, head.lastSeq(), cursor > head.lastSeq() ? "unknown" : "expired");
        }
        return cursor;
    }

    private void follow(SseSink sink, BoardChannel channel, String boardId, long from) throws InterruptedException {
        long cursor = from;
        while (!channel.closed()) {
            Optional<List<BoardEvent>> held = channel.after(cursor);
            List<BoardEvent> events = held.isPresent() ? held.get() : log.after(boardId, cursor, REPLAY_BATCH);
            if (held.isEmpty() && events.isEmpty()) {
                // the log no longer holds what the channel moved past (pruned meanwhile)
                cursor = reset(sink, boardId, channel.head(), "expired");
                continue;
            }
            for (BoardEvent event : events) {
                sink.emit(SseEvent.builder()
                        .id(Long.toString(event.seq()))
                        .name(event.type())
                        .data(event.data())
                        .build());
                cursor = event.seq();
            }
            if (events.isEmpty() && !channel.await(cursor, keepalive)) {
                sink.emit(SseEvent.builder().comment("keepalive").build());
            }
        }
    }

    private static long reset(SseSink sink, String boardId, long lastSeq, String reason) {
        sink.emit(SseEvent.builder()
                .id(Long.toString(lastSeq))
                .name("reset")
                .data("{\"boardId\":" + TextNode.valueOf(boardId) + ",\"reason\":\"" + reason + "\",\"lastEventId\":"
                        + lastSeq + "}")
                .build());
        return lastSeq;
    }

    /** {@code Last-Event-ID}, else {@code ?since=}: a whole number from 0. */
    private static OptionalLong since(ServerRequest req) {
        Optional<String> value = req.headers()
                .first(LAST_EVENT_ID)
                .or(() -> req.query().first("since").asOptional());
        if (value.isEmpty() || value.get().isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long since = Long.parseLong(value.get().trim());
            if (since >= 0) {
                return OptionalLong.of(since);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(
                Status.BAD_REQUEST_400,
                "invalid-event-id",
                "Last-Event-ID or 'since' must be an event id from a previous stream (a whole number from 0)");
    }
}
