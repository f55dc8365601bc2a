package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.api.StoreException;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The replica tables: per board the generation served and the one a running sync fills, and the items of each
 * generation in Miro's order. A sync stages its items under its own generation and {@link #publish publishes} them in
 * one transaction; a {@link #page page} is one statement, so it sees one generation whole. Item changes (events,
 * writes through {@code /v2}) are applied to both the served and the staged generation, so a sync that ends after a
 * change still holds it. Thread-safe; every method is one statement or takes the caller's transaction.
 */
final class ReplicaStore {
    private static final String UPSERT = "INSERT INTO board_sync_replica_items"
            + " (board_id, generation, item_id, ordinal, type, parent_id, modified_ms, body)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (board_id, generation, item_id) DO UPDATE SET type = excluded.type,"
            + " parent_id = excluded.parent_id, modified_ms = excluded.modified_ms, body = excluded.body"
            + " WHERE board_sync_replica_items.modified_ms IS NULL OR excluded.modified_ms IS NULL"
            + " OR excluded.modified_ms >= board_sync_replica_items.modified_ms";

    private final Store store;

    ReplicaStore(Store store) {
        this.store = store;
    }

    /**
     * One row of a page.
     *
     * @param itemId the item id
     * @param ordinal its place in the replica's order
     * @param body Miro's JSON of the item
     */
    record Row(String itemId, long ordinal, String body) {}

    /**
     * A page read from the served generation.
     *
     * @param changedAt when the replica last changed (sync or item change), epoch ms
     * @param total items matching the filters
     * @param rows up to {@code limit + 1} items after the cursor (one more than asked shows there is a next page)
     */
    record Snapshot(long changedAt, long total, List<Row> rows) {}

    /**
     * Reads a page of the board's served generation in one statement.
     *
     * @param boardId the board
     * @param type only items of this type, if given
     * @param parentId only children of this frame, if given
     * @param after start after this place; {@link ReplicaCursor#START} for the first page
     * @param fetch rows to read at most
     * @return the page, or empty if the board has no completed replica
     */
    Optional<Snapshot> page(
            String boardId, Optional<String> type, Optional<String> parentId, ReplicaCursor after, int fetch) {
        List<Object> params = new ArrayList<>(List.of(boardId, boardId));
        StringBuilder filter = new StringBuilder();
        type.ifPresent(t -> {
            filter.append(" AND i.type = ?");
            params.add(t);
        });
        parentId.ifPresent(p -> {
            filter.append(" AND i.parent_id = ?");
            params.add(p);
        });
        params.addAll(List.of(after.ordinal(), after.ordinal(), after.itemId(), fetch));
        String sql = "WITH live AS (SELECT generation, changed_at FROM board_sync_replicas"
                + " WHERE board_id = ? AND generation IS NOT NULL),"
                + " matching AS (SELECT i.item_id, i.ordinal, i.body FROM board_sync_replica_items i"
                + " JOIN live ON i.generation = live.generation WHERE i.board_id = ?" + filter + ")"
                + " SELECT live.changed_at, (SELECT COUNT(*) FROM matching) AS total, p.item_id, p.ordinal, p.body"
                + " FROM live LEFT JOIN (SELECT item_id, ordinal, body FROM matching"
                + " WHERE ordinal > ? OR (ordinal = ? AND item_id > ?) ORDER BY ordinal, item_id LIMIT ?) p ON 1 = 1"
                + " ORDER BY p.ordinal, p.item_id";
        return call(db -> {
            try (Stream<DbRow> rows = db.query(sql, params.toArray())) {
                List<DbRow> all = rows.toList();
                if (all.isEmpty()) {
                    return Optional.empty();
                }
                List<Row> items = new ArrayList<>();
                for (DbRow row : all) {
                    String itemId = CacheStore.text(row, "item_id");
                    if (itemId != null) {
                        items.add(new Row(itemId, CacheStore.number(row, "ordinal"), CacheStore.text(row, "body")));
                    }
                }
                DbRow first = all.getFirst();
                return Optional.of(
                        new Snapshot(CacheStore.number(first, "changed_at"), CacheStore.number(first, "total"), items));
            }
        });
    }

    /** Starts filling a generation from scratch: drops rows a previous try of it left, and marks it staging. */
    void startStaging(String boardId, int generation, long now) {
        store.transaction(tx -> {
            tx.dml("DELETE FROM board_sync_replica_items WHERE board_id = ? AND generation = ?", boardId, generation);
            tx.dml(
                    "INSERT INTO board_sync_replicas (board_id, generation, staging, changed_at) VALUES (?, NULL, ?, ?)"
                            + " ON CONFLICT (board_id) DO UPDATE SET staging = excluded.staging",
                    boardId,
                    generation,
                    now);
            return null;
        });
    }

    /** Appends a sync's page to its staged generation (a copy changed since by an event is kept if newer). */
    void stage(String boardId, int generation, List<MiroJson.Item> items) {
        if (items.isEmpty()) {
            return;
        }
        store.transaction(tx -> {
            long ordinal = lastOrdinal(tx, boardId, generation);
            for (MiroJson.Item item : items) {
                upsert(tx, boardId, generation, item, ++ordinal);
            }
            return null;
        });
    }

    /**
     * Makes a staged generation the served one and drops every other generation of the board, in the caller's
     * transaction.
     *
     * @return the items the replica now holds
     */
    static long publish(DbExecute tx, String boardId, int generation, long now) {
        tx.dml("DELETE FROM board_sync_replica_items WHERE board_id = ? AND generation <> ?", boardId, generation);
        tx.dml(
                "UPDATE board_sync_replicas SET generation = ?, staging = NULL, changed_at = ? WHERE board_id = ?",
                generation,
                now,
                boardId);
        return tx.get(
                        "SELECT COUNT(*) AS n FROM board_sync_replica_items WHERE board_id = ? AND generation = ?",
                        boardId,
                        generation)
                .map(row -> CacheStore.number(row, "n"))
                .orElse(0L);
    }

    /** Drops a staged generation that will not be completed (the sync stopped early). */
    void abandonStaging(String boardId, int generation) {
        store.transaction(tx -> {
            tx.dml("DELETE FROM board_sync_replica_items WHERE board_id = ? AND generation = ?", boardId, generation);
            tx.dml(
                    "UPDATE board_sync_replicas SET staging = NULL WHERE board_id = ? AND staging = ?",
                    boardId,
                    generation);
            return null;
        });
    }

    /**
     * Applies a changed or created item to the board's served and staged generations, in the caller's transaction,
     * unless the replica's copy is newer.
     *
     * @return whether the board has a replica (served or being staged) that now holds the item
     */
    static boolean applyItem(DbExecute tx, String boardId, MiroJson.Item item, long now) {
        Optional<DbRow> replica =
                tx.get("SELECT generation, staging FROM board_sync_replicas WHERE board_id = ?", boardId);
        if (replica.isEmpty()) {
            return false;
        }
        boolean applied = false;
        for (String column : List.of("generation", "staging")) {
            Object generation = replica.get().column(column).asOptional().orElse(null);
            if (generation != null) {
                int g = ((Number) generation).intValue();
                applied |= upsert(tx, boardId, g, item, lastOrdinal(tx, boardId, g) + 1) > 0;
            }
        }
        if (applied) {
            touch(tx, boardId, now);
        }
        return applied;
    }

    /** Removes an item from every generation of the board, in the caller's transaction; returns whether it was held. */
    static boolean deleteItem(DbExecute tx, String boardId, String itemId, long now) {
        long removed =
                tx.dml("DELETE FROM board_sync_replica_items WHERE board_id = ? AND item_id = ?", boardId, itemId);
        if (removed > 0) {
            touch(tx, boardId, now);
        }
        return removed > 0;
    }

    private static void touch(DbExecute tx, String boardId, long now) {
        tx.dml("UPDATE board_sync_replicas SET changed_at = ? WHERE board_id = ?", now, boardId);
    }

    /** Inserts an item at {@code ordinal}, or changes it in place (keeping its place) unless the held copy is newer. */
    private static long upsert(DbExecute tx, String boardId, int generation, MiroJson.Item item, long ordinal) {
        return tx.dml(
                UPSERT,
                boardId,
                generation,
                item.id(),
                ordinal,
                item.type(),
                item.parentId().orElse(null),
                MiroJson.epochMillis(item.modifiedAt()),
                item.json());
    }

    private static long lastOrdinal(DbExecute tx, String boardId, int generation) {
        return tx.get(
                        "SELECT MAX(ordinal) AS n FROM board_sync_replica_items WHERE board_id = ? AND generation = ?",
                        boardId,
                        generation)
                .map(row -> CacheStore.number(row, "n"))
                .orElse(0L);
    }

    private <T> T call(Function<DbExecute, T> statement) {
        try {
            return statement.apply(store.db().execute());
        } catch (DbClientException e) {
            throw new StoreException("board-sync replica: " + e.getMessage(), e);
        }
    }
}
