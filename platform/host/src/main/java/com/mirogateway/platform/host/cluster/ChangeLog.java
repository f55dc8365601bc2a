package com.mirogateway.platform.host.cluster;

import com.mirogateway.platform.host.store.HostStore;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.util.List;
import java.util.stream.Stream;

/** The table {@code gateway_changes}: appending a change, reading those above an id, pruning. Thread-safe. */
final class ChangeLog {
    /** The PostgreSQL notification channel every instance listens on. */
    static final String CHANNEL = "gateway_changes";
    /** The most rows one catch-up reads; the next wake-up or catch-up reads on. */
    private static final int BATCH = 500;

    private final HostStore store;

    ChangeLog(HostStore store) {
        this.store = store;
    }

    /** One row of the table. */
    record Change(long id, String kind, String origin, String payload) {}

    /**
     * Appends a change in the caller's transaction and, on PostgreSQL, queues a notification that goes out when it
     * commits.
     */
    void append(DbExecute tx, String kind, String origin, String payload, boolean notify) {
        tx.dml(
                "INSERT INTO gateway_changes (kind, origin, payload, created_at) VALUES (?, ?, ?, " + store.nowMillis()
                        + ")",
                kind,
                origin,
                payload);
        if (notify) {
            notify(tx, "c");
        }
    }

    /** Queues a notification with a short payload (sent when the transaction commits). */
    static void notify(DbExecute tx, String payload) {
        // NOTIFY takes no bind parameters; payloads are the host's own short texts, quoted here all the same
        tx.dml("NOTIFY " + CHANNEL + ", '" + payload.replace("'", "''") + "'");
    }

    /** The highest id in the table, 0 if it is empty. */
    long lastId() {
        return store.db()
                .execute()
                .get("SELECT COALESCE(MAX(id), 0) AS last FROM gateway_changes")
                .map(row -> ((Number) row.column("last").get()).longValue())
                .orElse(0L);
    }

    /** The changes above {@code id}, oldest first, at most a batch. */
    List<Change> after(long id) {
        try (Stream<DbRow> rows = store.db()
                .execute()
                .query(
                        "SELECT id, kind, origin, payload FROM gateway_changes WHERE id > ? ORDER BY id LIMIT " + BATCH,
                        id)) {
            return rows.map(row -> new Change(
                            ((Number) row.column("id").get()).longValue(),
                            row.column("kind").getString(),
                            row.column("origin").getString(),
                            row.column("payload").getString()))
                    .toList();
        }
    }

    /** Deletes changes older than {@code keepMillis}; returns how many. */
    long prune(long keepMillis) {
        return store.db()
                .execute()
                .dml("DELETE FROM gateway_changes WHERE created_at < " + store.nowMillis() + " - ?", keepMillis);
    }
}
