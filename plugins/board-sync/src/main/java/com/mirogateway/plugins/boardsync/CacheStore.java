package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.api.StoreException;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The cache tables: boards, items (with their query fields) and whole list responses. Every method is one statement or
 * one short transaction on the calling thread. Thread-safe.
 */
final class CacheStore {
    private static final String UPSERT_ITEM = "INSERT INTO board_sync_items"
            + " (board_id, item_id, type, parent_id, modified_at, modified_ms, body, fetched_at, stale)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (board_id, item_id) DO UPDATE SET type = excluded.type,"
            + " parent_id = excluded.parent_id, modified_at = excluded.modified_at,"
            + " modified_ms = excluded.modified_ms, body = excluded.body, fetched_at = excluded.fetched_at, stale = 0";
    /** The upsert of an item event: a copy older than the cached one changes nothing. */
    private static final String UPSERT_ITEM_UNLESS_OLDER = UPSERT_ITEM
            + " WHERE board_sync_items.modified_ms IS NULL OR excluded.modified_ms IS NULL"
            + " OR excluded.modified_ms >= board_sync_items.modified_ms";

    private static final String INVALIDATE_PAGES = "UPDATE board_sync_pages SET stale = 1 WHERE board_id = ?";

    private final Store store;

    CacheStore(Store store) {
        this.store = store;
    }

    /** The cached copy of a key, if any. */
    Optional<CacheEntry> find(CacheKey key) {
        return call(db -> switch (key) {
                    case CacheKey.Board b ->
                        db.get("SELECT body, fetched_at, stale FROM board_sync_boards WHERE board_id = ?", b.board());
                    case CacheKey.Item i ->
                        db.get(
                                "SELECT body, fetched_at, stale FROM board_sync_items WHERE board_id = ? AND item_id = ?",
                                i.board(),
                                i.item());
                    case CacheKey.Page p ->
                        db.get("SELECT body, fetched_at, stale FROM board_sync_pages WHERE cache_key = ?", p.id());
                })
                .map(row -> CacheEntry.of(text(row, "body"), number(row, "fetched_at"), number(row, "stale") != 0));
    }

    /** Stores what Miro answered for a key; a page of items also stores its items one by one. */
    void save(CacheKey key, String body, long now) {
        switch (key) {
            case CacheKey.Board b -> saveBoard(b.board(), body, now);
            case CacheKey.Item i -> saveItems(i.board(), List.of(MiroJson.item(MiroJson.parse(body))), now);
            case CacheKey.Page p -> {
                List<MiroJson.Item> items = p.items() ? MiroJson.itemPage(body).items() : List.of();
                store.transaction(tx -> {
                    tx.dml(
                            "INSERT INTO board_sync_pages (cache_key, board_id, body, fetched_at, stale)"
                                    + " VALUES (?, ?, ?, ?, 0) ON CONFLICT (cache_key) DO UPDATE SET"
                                    + " body = excluded.body, fetched_at = excluded.fetched_at, stale = 0",
                            p.id(),
                            p.board().orElse(null),
                            body,
                            now);
                    upsert(tx, p.board().orElse(""), items, now);
                    return null;
                });
            }
        }
    }

    void saveBoard(String boardId, String body, long now) {
        String modifiedAt = MiroJson.text(MiroJson.parse(body), "modifiedAt").orElse(null);
        call(db -> db.dml(
                "INSERT INTO board_sync_boards (board_id, body, modified_at, fetched_at, stale) VALUES (?, ?, ?, ?, 0)"
                        + " ON CONFLICT (board_id) DO UPDATE SET body = excluded.body,"
                        + " modified_at = excluded.modified_at, fetched_at = excluded.fetched_at, stale = 0",
                boardId,
                body,
                modifiedAt,
                now));
    }

    /** Upserts items of one board in one transaction. */
    void saveItems(String boardId, List<MiroJson.Item> items, long now) {
        if (items.isEmpty()) {
            return;
        }
        store.transaction(tx -> {
            upsert(tx, boardId, items, now);
            return null;
        });
    }

    /**
     * Stores an item from an event unless the cached copy is newer (by {@code modifiedAt}), in the caller's
     * transaction; returns whether it was stored.
     */
    static boolean saveItemUnlessOlder(DbExecute tx, String boardId, MiroJson.Item item, long now) {
        return upsert(tx, UPSERT_ITEM_UNLESS_OLDER, boardId, item, now) > 0;
    }

    /** Whether the item is cached, in the caller's transaction. */
    static boolean holdsItem(DbExecute tx, String boardId, String itemId) {
        return tx.get("SELECT 1 AS held FROM board_sync_items WHERE board_id = ? AND item_id = ?", boardId, itemId)
                .isPresent();
    }

    /** Upserts items of one board in the caller's transaction. */
    static void saveItems(DbExecute tx, String boardId, List<MiroJson.Item> items, long now) {
        upsert(tx, boardId, items, now);
    }

    /** Removes an item in the caller's transaction; returns whether it was cached. */
    static boolean deleteItem(DbExecute tx, String boardId, String itemId) {
        return tx.dml("DELETE FROM board_sync_items WHERE board_id = ? AND item_id = ?", boardId, itemId) > 0;
    }

    /** Marks a board's cached list responses stale, in the caller's transaction. */
    static void invalidatePages(DbExecute tx, String boardId) {
        tx.dml(INVALIDATE_PAGES, boardId);
    }

    private static void upsert(DbExecute tx, String boardId, List<MiroJson.Item> items, long now) {
        for (MiroJson.Item item : items) {
            upsert(tx, UPSERT_ITEM, boardId, item, now);
        }
    }

    private static long upsert(DbExecute db, String sql, String boardId, MiroJson.Item item, long now) {
        return db.dml(
                sql,
                boardId,
                item.id(),
                item.type(),
                item.parentId().orElse(null),
                item.modifiedAt().orElse(null),
                MiroJson.epochMillis(item.modifiedAt()),
                item.json(),
                now);
    }

    /** Removes one item; returns whether it was cached. */
    boolean deleteItem(String boardId, String itemId) {
        return call(db -> db.dml("DELETE FROM board_sync_items WHERE board_id = ? AND item_id = ?", boardId, itemId))
                > 0;
    }

    /**
     * Removes one item if its row was written before {@code millis}: a Miro 404 to a read that asked at that time must
     * not remove a copy stored meanwhile (an item event). Compare and delete are one statement. Returns whether a row
     * was removed.
     */
    boolean deleteItemFetchedBefore(String boardId, String itemId, long millis) {
        return call(db -> db.dml(
                        "DELETE FROM board_sync_items WHERE board_id = ? AND item_id = ? AND fetched_at < ?",
                        boardId,
                        itemId,
                        millis))
                > 0;
    }

    /** Removes a board's items fetched before {@code millis} (a sync that started then did not see them). */
    long deleteItemsFetchedBefore(String boardId, long millis) {
        return call(
                db -> db.dml("DELETE FROM board_sync_items WHERE board_id = ? AND fetched_at < ?", boardId, millis));
    }

    /** Marks a board's cached list responses stale (its items changed). */
    void invalidatePages(String boardId) {
        call(db -> db.dml(INVALIDATE_PAGES, boardId));
    }

    /** Marks everything cached about a board stale. */
    void invalidateBoard(String boardId) {
        store.transaction(tx -> {
            tx.dml("UPDATE board_sync_boards SET stale = 1 WHERE board_id = ?", boardId);
            tx.dml("UPDATE board_sync_items SET stale = 1 WHERE board_id = ?", boardId);
            tx.dml("UPDATE board_sync_pages SET stale = 1 WHERE board_id = ?", boardId);
            return null;
        });
    }

    /** Deletes everything cached about a board; returns the rows removed per table. */
    Map<String, Long> purgeBoard(String boardId) {
        return purgeBoardFetchedBefore(boardId, Long.MAX_VALUE);
    }

    /**
     * Deletes what is cached about a board and was written before {@code millis}, in one transaction (rows stored after
     * a read asked Miro survive that read's 404); returns the rows removed per table.
     */
    Map<String, Long> purgeBoardFetchedBefore(String boardId, long millis) {
        return store.transaction(tx -> {
            Map<String, Long> removed = new LinkedHashMap<>();
            for (String table : List.of("boards", "items", "pages")) {
                removed.put(
                        table,
                        tx.dml(
                                "DELETE FROM board_sync_" + table + " WHERE board_id = ? AND fetched_at < ?",
                                boardId,
                                millis));
            }
            tx.dml("DELETE FROM board_sync_replicas WHERE board_id = ?", boardId);
            removed.put("replicaItems", tx.dml("DELETE FROM board_sync_replica_items WHERE board_id = ?", boardId));
            return removed;
        });
    }

    /** Deletes every cached response (board lists included); returns the rows removed per table. */
    Map<String, Long> purgeAll() {
        return store.transaction(tx -> {
            Map<String, Long> removed = new LinkedHashMap<>();
            removed.put("boards", tx.dml("DELETE FROM board_sync_boards"));
            removed.put("items", tx.dml("DELETE FROM board_sync_items"));
            removed.put("pages", tx.dml("DELETE FROM board_sync_pages"));
            tx.dml("DELETE FROM board_sync_replicas");
            removed.put("replicaItems", tx.dml("DELETE FROM board_sync_replica_items"));
            return removed;
        });
    }

    /** Rows per table. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("boards", count("board_sync_boards"));
        counts.put("items", count("board_sync_items"));
        counts.put("pages", count("board_sync_pages"));
        counts.put("replicaItems", count("board_sync_replica_items"));
        return counts;
    }

    /**
     * The boards with anything cached (the board, its items or item pages), by id, with their cached rows; at most
     * {@code limit}, for the ops console's purge buttons.
     */
    List<CachedBoard> boards(int limit) {
        return call(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT board_id, COUNT(*) AS n FROM (SELECT board_id FROM board_sync_boards"
                            + " UNION ALL SELECT board_id FROM board_sync_items"
                            + " UNION ALL SELECT board_id FROM board_sync_pages WHERE board_id IS NOT NULL) cached"
                            + " GROUP BY board_id ORDER BY board_id LIMIT ?",
                    limit)) {
                return rows.map(row -> new CachedBoard(
                                row.column("board_id").asString().get(), number(row, "n")))
                        .toList();
            }
        });
    }

    /** A board with cached rows, for {@code GET /admin/cache}. */
    record CachedBoard(String boardId, long rows) {}

    /** Items of a board cached right now. */
    long itemCount(String boardId) {
        return call(db -> db.get("SELECT COUNT(*) AS n FROM board_sync_items WHERE board_id = ?", boardId))
                .map(row -> number(row, "n"))
                .orElse(0L);
    }

    private long count(String table) {
        return call(db -> db.get("SELECT COUNT(*) AS n FROM " + table))
                .map(row -> number(row, "n"))
                .orElse(0L);
    }

    private <T> T call(Function<DbExecute, T> statement) {
        try {
            return statement.apply(store.db().execute());
        } catch (DbClientException e) {
            throw new StoreException("board-sync cache: " + e.getMessage(), e);
        }
    }

    static long number(DbRow row, String column) {
        Object value = row.column(column).asOptional().orElse(null);
        return value == null ? 0 : ((Number) value).longValue();
    }

    static String text(DbRow row, String column) {
        Object value = row.column(column).asOptional().orElse(null);
        return value == null ? null : value.toString();
    }
}
