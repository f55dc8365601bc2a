package com.mirogateway.plugins.webhooks;

import com.mirogateway.platform.api.Store;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The {@code webhooks_inbox} table: every acknowledged delivery, stored with the job that applies it, and its
 * processing state. Every method is one statement or one short transaction. Thread-safe.
 */
final class Inbox {
    /** A delivery's processing states, as stored and shown. */
    enum State {
        /** Stored; its job has not run yet. */
        RECEIVED,
        /** board-sync is not running; the job tries again later without spending an attempt. */
        WAITING,
        /** An attempt failed; the queue tries again after its backoff. */
        RETRYING,
        /** Applied to the cache. */
        APPLIED,
        /** Not applied: the cache holds a newer copy of the item. */
        IGNORED,
        /** Every attempt failed, or the event cannot be applied; the job is a dead letter. */
        DEAD;

        String dbName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Optional<State> parse(String name) {
            for (State state : values()) {
                if (state.dbName().equals(name)) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }
    }

    /** The outcome of storing a delivery. */
    enum Outcome {
        /** Stored, with its job. */
        ACCEPTED,
        /** The same event was stored before; nothing new stored. */
        DUPLICATE
    }

    /**
     * A stored delivery, as its job reads it.
     *
     * @param id the delivery's id
     * @param event the event, parsed again from the stored body
     * @param receivedAt when it was acknowledged, epoch milliseconds
     * @param state its processing state
     */
    record Stored(String id, Delivery.Event event, long receivedAt, State state) {}

    private static final String COLUMNS =
            "id, event_id, board_id, item_id, event_type, modified_at, received_at, state,"
                    + " attempts, duplicates, last_error, processed_at";

    private final Store store;

    Inbox(Store store) {
        this.store = store;
    }

    /**
     * Stores an event delivery and, in the same transaction, enqueues its job through {@code enqueue} (given the
     * transaction and the delivery's id); a delivery whose dedup key is stored already only counts as a duplicate.
     * Concurrent deliveries share one commit ({@link Store#groupCommit}); this returns once it is done.
     */
    Outcome accept(
            String subscriptionId, Delivery.Event event, String body, long now, BiConsumer<DbExecute, String> enqueue) {
        String id = Store.timeOrderedId();
        String dedupKey = event.dedupKey(body);
        return store.groupCommit(tx -> {
            long inserted = tx.dml(
                    "INSERT INTO webhooks_inbox (id, dedup_key, subscription_id, event_id, board_id, item_id,"
                            + " event_type, modified_at, body, received_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?, 'received') ON CONFLICT (dedup_key) DO NOTHING",
                    id,
                    dedupKey,
                    subscriptionId,
                    event.eventId().orElse(null),
                    event.boardId(),
                    event.itemId(),
                    event.type(),
                    event.modifiedAt().orElse(null),
                    body,
                    now);
            if (inserted == 0) {
                tx.dml("UPDATE webhooks_inbox SET duplicates = duplicates + 1 WHERE dedup_key = ?", dedupKey);
                return Outcome.DUPLICATE;
            }
            enqueue.accept(tx, id);
            return Outcome.ACCEPTED;
        });
    }

    /** The delivery with this id, unless it was pruned. */
    Optional<Stored> find(String id) {
        return call(db -> db.get("SELECT body, received_at, state FROM webhooks_inbox WHERE id = ?", id))
                .map(row -> {
                    if (!(Delivery.parse(Sql.text(row, "body")) instanceof Delivery.Event event)) {
                        throw new IllegalStateException("Delivery " + id + " is not an event");
                    }
                    State state = State.parse(Sql.text(row, "state")).orElse(State.RECEIVED);
                    return new Stored(id, event, Sql.number(row, "received_at"), state);
                });
    }

    /**
     * Records an attempt's outcome: the state, the attempts so far, the error (or none), and when it finished. Jobs
     * finishing together share one commit.
     */
    void record(String id, State state, int attempts, Optional<String> error, Optional<Long> processedAt) {
        store.groupCommit(tx -> tx.dml(
                "UPDATE webhooks_inbox SET state = ?, attempts = ?, last_error = ?, processed_at = ? WHERE id = ?",
                state.dbName(),
                attempts,
                error.map(e -> e.length() > 500 ? e.substring(0, 500) : e).orElse(null),
                processedAt.orElse(null),
                id));
    }

    /** The most recent deliveries, newest first, optionally in one state; without their bodies. */
    List<Map<String, Object>> recent(Optional<State> state, int limit) {
        String where = state.map(s -> " WHERE state = ?").orElse("");
        Object[] params = state.isPresent() ? new Object[] {state.get().dbName(), limit} : new Object[] {limit};
        return call(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT " + COLUMNS + " FROM webhooks_inbox" + where + " ORDER BY received_at DESC, id LIMIT ?",
                    params)) {
                return rows.map(Inbox::view).toList();
            }
        });
    }

    /** Deliveries per state. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (State state : State.values()) {
            counts.put(state.dbName(), 0L);
        }
        call(db -> {
            try (Stream<DbRow> rows =
                    db.query("SELECT state, COUNT(*) AS n FROM webhooks_inbox GROUP BY state ORDER BY state")) {
                rows.forEach(row -> counts.put(Sql.text(row, "state"), Sql.number(row, "n")));
            }
            return null;
        });
        return counts;
    }

    /** Deletes finished deliveries (applied, ignored, dead) received before {@code before}; returns how many. */
    long prune(long before) {
        return call(db -> db.dml(
                "DELETE FROM webhooks_inbox WHERE received_at < ? AND state IN ('applied', 'ignored', 'dead')",
                before));
    }

    private static Map<String, Object> view(DbRow row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Sql.text(row, "id"));
        json.put("eventId", Sql.text(row, "event_id"));
        json.put("boardId", Sql.text(row, "board_id"));
        json.put("itemId", Sql.text(row, "item_id"));
        json.put("type", Sql.text(row, "event_type"));
        json.put("modifiedAt", Sql.text(row, "modified_at"));
        json.put(
                "receivedAt",
                Instant.ofEpochMilli(Sql.number(row, "received_at")).toString());
        json.put("state", Sql.text(row, "state"));
        json.put("attempts", Sql.number(row, "attempts"));
        json.put("duplicates", Sql.number(row, "duplicates"));
        json.put("lastError", Sql.text(row, "last_error"));
        json.put(
                "processedAt",
                Sql.optionalNumber(row, "processed_at")
                        .map(at -> Instant.ofEpochMilli(at).toString())
                        .orElse(null));
        return json;
    }

    private <T> T call(Function<DbExecute, T> statement) {
        return Sql.call(store, "webhooks_inbox", statement);
    }
}
