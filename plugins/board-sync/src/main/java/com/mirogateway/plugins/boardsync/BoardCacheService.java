package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.BoardCache;
import com.mirogateway.platform.api.PathFormat;

/**
 * The {@link BoardCache} service other plugins (the webhooks plugin) change the cache through: an item event is
 * applied to the item's row and to the board's replica, and marks the board's cached lists stale, so the next list
 * read shows it (from the replica of a synced board, else revalidated with Miro).
 */
final class BoardCacheService implements BoardCache {
    private final CacheStore store;
    private final ReadThrough cache;
    private final BoardChanges changes;

    BoardCacheService(CacheStore store, ReadThrough cache, BoardChanges changes) {
        this.store = store;
        this.cache = cache;
        this.changes = changes;
    }

    @Override
    public boolean itemChanged(String boardId, String itemJson) {
        check(PathFormat.BOARD_ID, boardId);
        return changes.itemChanged(boardId, MiroJson.item(MiroJson.parse(itemJson)));
    }

    @Override
    public void itemDeleted(String boardId, String itemId) {
        check(PathFormat.BOARD_ID, boardId);
        check(PathFormat.ITEM_ID, itemId);
        changes.itemDeleted(boardId, itemId);
    }

    @Override
    public void boardChanged(String boardId) {
        check(PathFormat.BOARD_ID, boardId);
        store.invalidateBoard(boardId);
        cache.forgetBoardInMemory(boardId);
    }

    private static void check(PathFormat format, String value) {
        if (!format.matches(value)) {
            throw new IllegalArgumentException("Not " + format.description());
        }
    }
}
