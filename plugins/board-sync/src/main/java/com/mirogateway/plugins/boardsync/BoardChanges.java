package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.Store;
import java.time.Clock;
import java.util.List;

/**
 * Applies changes to a board's items that arrive outside a read (Miro's webhook events, Miro's answers to writes
 * through {@code /v2}, completed syncs) to everything the plugin keeps about the board, in one transaction: the
 * cached item, the board's cached lists (marked stale), and the replica's served and staged generations. Afterwards
 * the board's memory layer is dropped, so the next list read on this instance shows the change. Called on request
 * and job threads. Thread-safe.
 */
final class BoardChanges {
    private final Store store;
    private final ReadThrough cache;
    private final Clock clock;

    BoardChanges(Store store, ReadThrough cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * An item as an event describes it, unless the cached copy is newer (by {@code modifiedAt}).
     *
     * @return whether it was stored
     */
    boolean itemChanged(String boardId, MiroJson.Item item) {
        long now = clock.millis();
        boolean stored = store.transaction(tx -> {
            if (!CacheStore.saveItemUnlessOlder(tx, boardId, item, now)) {
                return false;
            }
            CacheStore.invalidatePages(tx, boardId);
            ReplicaStore.applyItem(tx, boardId, item, now);
            return true;
        });
        if (stored) {
            cache.forgetBoardInMemory(boardId);
        }
        return stored;
    }

    /** Items as Miro answered a create or change: Miro's answer is the newest copy. */
    void itemsWritten(String boardId, List<MiroJson.Item> items) {
        long now = clock.millis();
        store.transaction(tx -> {
            CacheStore.invalidatePages(tx, boardId);
            CacheStore.saveItems(tx, boardId, items, now);
            for (MiroJson.Item item : items) {
                ReplicaStore.applyItem(tx, boardId, item, now);
            }
            return null;
        });
        cache.forgetBoardInMemory(boardId);
    }

    /** An item Miro deleted (an event, or a delete through {@code /v2}). */
    void itemDeleted(String boardId, String itemId) {
        long now = clock.millis();
        store.transaction(tx -> {
            CacheStore.deleteItem(tx, boardId, itemId);
            CacheStore.invalidatePages(tx, boardId);
            ReplicaStore.deleteItem(tx, boardId, itemId, now);
            return null;
        });
        cache.forgetBoardInMemory(boardId);
    }

    /**
     * A sync of the board completed: its staged generation becomes the replica served, in one transaction.
     *
     * @return the items the replica now holds
     */
    long synced(String boardId, int generation) {
        long now = clock.millis();
        long items = store.transaction(tx -> {
            CacheStore.invalidatePages(tx, boardId);
            return ReplicaStore.publish(tx, boardId, generation, now);
        });
        cache.forgetBoardInMemory(boardId);
        return items;
    }
}
