package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.api.StoreException;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The change feed's tables: per board a head (last number, last number pruned, last change) and the events
 * themselves. {@link #append} runs in the transaction that makes the change, so an event exists exactly when its
 * change does; taking the number locks the board's head row until commit, so a board's events commit in number order
 * and a reader that saw number {@code n} never misses a smaller one committed later. Thread-safe.
 */
final class EventLog {
    private final Store store;

    EventLog(Store store) {
        this.store = store;
    }

    /**
     * A board's head.
     *
     * @param lastSeq the number of its newest event (0: none yet)
     * @param prunedThrough events up to this number are gone (retention)
     */
    record Head(long lastSeq, long prunedThrough) {}

    /**
     * A board whose events moved on.
     *
     * @param boardId the board
     * @param lastSeq the number of its newest event
     */
    record Moved(String boardId, long lastSeq) {}

    /**
     * Appends an event in the caller's transaction.
     *
     * @return its number
     */
    static long append(DbExecute tx, String boardId, String type, String data, long now) {
        long seq;
        try (Stream<DbRow> rows = tx.query(
                "INSERT INTO board_sync_event_heads (board_id, last_seq, pruned_through, changed_at)"
                        + " VALUES (?, 1, 0, ?) ON CONFLICT (board_id) DO UPDATE SET"
                        + " last_seq = board_sync_event_heads.last_seq + 1, changed_at = excluded.changed_at"
                        + " RETURNING last_seq",
                boardId,
                now)) {
            seq = rows.findFirst()
                    .map(row -> CacheStore.number(row, "last_seq"))
                    .orElseThrow(() -> new StoreException("No event number for board " + boardId, null));
        }
        tx.dml(
                "INSERT INTO board_sync_events (board_id, seq, type, data, created_at) VALUES (?, ?, ?, ?, ?)",
                boardId,
                seq,
                type,
                data,
                now);
        return seq;
    }

    /** The board's head; {@code (0, 0)} for a board without events. */
    Head head(String boardId) {
        return call(db -> db.get(
                        "SELECT last_seq, pruned_through FROM board_sync_event_heads WHERE board_id = ?", boardId)
                .map(row -> new Head(CacheStore.number(row, "last_seq"), CacheStore.number(row, "pruned_through")))
                .orElse(new Head(0, 0)));
    }

    /** Up to {@code max} of the board's events after {@code seq}, in order. */
    List<BoardEvent> after(String boardId, long seq, int max) {
        return call(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT seq, type, data FROM board_sync_events WHERE board_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                    boardId,
                    seq,
                    max)) {
                return rows.map(row -> new BoardEvent(
                                boardId,
                                CacheStore.number(row, "seq"),
                                CacheStore.text(row, "type"),
                                CacheStore.text(row, "data")))
                        .toList();
            }
        });
    }

    /** Boards whose head changed at or after {@code since} (epoch ms), with their last number. */
    List<Moved> movedSince(long since) {
        return call(db -> {
            try (Stream<DbRow> rows =
                    db.query("SELECT board_id, last_seq FROM board_sync_event_heads WHERE changed_at >= ?", since)) {
                return rows.map(row -> new Moved(CacheStore.text(row, "board_id"), CacheStore.number(row, "last_seq")))
                        .toList();
            }
        });
    }

    /** Drops events created before {@code before} (epoch ms) and records, per board, the last number dropped. */
    long prune(long before) {
        return store.transaction(tx -> {
            tx.dml(
                    "UPDATE board_sync_event_heads SET pruned_through = (SELECT MAX(e.seq) FROM board_sync_events e"
                            + " WHERE e.board_id = board_sync_event_heads.board_id AND e.created_at < ?)"
                            + " WHERE EXISTS (SELECT 1 FROM board_sync_events e"
                            + " WHERE e.board_id = board_sync_event_heads.board_id AND e.created_at < ?)",
                    before,
                    before);
            return tx.dml("DELETE FROM board_sync_events WHERE created_at < ?", before);
        });
    }

    private <T> T call(Function<DbExecute, T> statement) {
        try {
            return statement.apply(store.db().execute());
        } catch (DbClientException e) {
            throw new StoreException("board-sync events: " + e.getMessage(), e);
        }
    }
}
