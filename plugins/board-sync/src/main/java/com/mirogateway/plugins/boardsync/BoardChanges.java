package com.mirogateway.plugins.boardsync;

import com.fasterxml.jackson.databind.node.TextNode;
import com.mirogateway.platform.api.Store;
import java.time.Clock;
import java.util.List;

/**
 * Applies changes to a board's items that arrive outside a read (Miro's webhook events, Miro's answers to writes
 * through {@code /v2}, completed syncs) to everything the plugin keeps about the board, in one transaction (for a
 * single item's change, one that may share its commit with concurrent ones, see {@link Store#groupCommit}): the
 * cached item, the board's cached lists (marked stale), the replica's served and staged generations, and the event
 * in the board's change feed. Afterwards the board's memory layer is dropped, so the next list read on this instance
 * shows the change, and the {@link ChangeSignal} wakes the board's event streams. Called on request and job threads.
 * Thread-safe.
 */
final class BoardChanges {
    private final Store store;
    private final ReadThrough cache;
    private final ChangeSignal signal;
    private final Clock clock;

    BoardChanges(Store store, ReadThrough cache, ChangeSignal signal, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.signal = signal;
        this.clock = clock;
    }

    /**
     * An item as an event describes it, unless the cached copy is newer (by {@code modifiedAt}).
     *
     * @return whether it was stored
     */
    boolean itemChanged(String boardId, MiroJson.Item item) {
        long now = clock.millis();
        long seq = store.groupCommit(tx -> {
            boolean existed = CacheStore.holdsItem(tx, boardId, item.id());
            if (!CacheStore.saveItemUnlessOlder(tx, boardId, item, now)) {
                return 0L;
            }
            CacheStore.invalidatePages(tx, boardId);
            ReplicaStore.applyItem(tx, boardId, item, now);
            return EventLog.append(
                    tx, boardId, existed ? BoardEvent.ITEM_UPDATED : BoardEvent.ITEM_CREATED, item.json(), now);
        });
        if (seq == 0) {
            return false;
        }
        changed(boardId, seq);
        return true;
    }

    /** Items as Miro answered a create or change: Miro's answer is the newest copy. */
    void itemsWritten(String boardId, List<MiroJson.Item> items) {
        long now = clock.millis();
        long seq = store.transaction(tx -> {
            CacheStore.invalidatePages(tx, boardId);
            long last = 0;
            for (MiroJson.Item item : items) {
                boolean existed = CacheStore.holdsItem(tx, boardId, item.id());
                CacheStore.saveItems(tx, boardId, List.of(item), now);
                ReplicaStore.applyItem(tx, boardId, item, now);
                last = EventLog.append(
                        tx, boardId, existed ? BoardEvent.ITEM_UPDATED : BoardEvent.ITEM_CREATED, item.json(), now);
            }
            return last;
        });
        changed(boardId, seq);
    }

    /** An item Miro deleted (an event, or a delete through {@code /v2}). */
    void itemDeleted(String boardId, String itemId) {
        long now = clock.millis();
        long seq = store.groupCommit(tx -> {
            CacheStore.deleteItem(tx, boardId, itemId);
            CacheStore.invalidatePages(tx, boardId);
            ReplicaStore.deleteItem(tx, boardId, itemId, now);
            return EventLog.append(tx, boardId, BoardEvent.ITEM_DELETED, "{\"id\":\"" + itemId + "\"}", now);
        });
        changed(boardId, seq);
    }

    /**
     * A sync of the board completed: its staged generation becomes the replica served, in one transaction.
     *
     * @return the items the replica now holds
     */
    long synced(String boardId, int generation) {
        long now = clock.millis();
        long[] result = store.transaction(tx -> {
            CacheStore.invalidatePages(tx, boardId);
            long items = ReplicaStore.publish(tx, boardId, generation, now);
            String data = "{\"boardId\":" + TextNode.valueOf(boardId) + ",\"items\":" + items + "}";
            return new long[] {items, EventLog.append(tx, boardId, BoardEvent.BOARD_SYNCED, data, now)};
        });
        changed(boardId, result[1]);
        return result[0];
    }

    private void changed(String boardId, long seq) {
        cache.forgetBoardInMemory(boardId);
        if (seq > 0) {
            signal.committed(boardId, seq);
        }
    }
}
