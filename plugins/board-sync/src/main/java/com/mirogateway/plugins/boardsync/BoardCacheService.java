package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.BoardCache;
import com.mirogateway.platform.api.PathFormat;

/**
 * The {@link BoardCache} service other plugins (the webhooks plugin) change the cache through: an item event is
 * applied to the item's row and marks the board's cached lists stale, so the next list read revalidates with Miro.
 */
final class BoardCacheService implements BoardCache {
    private final CacheStore store;
    private final ReadThrough cache;

    BoardCacheService(CacheStore store, ReadThrough cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public boolean itemChanged(String boardId, String itemJson) {
        check(PathFormat.BOARD_ID, boardId);
        MiroJson.Item item = MiroJson.item(MiroJson.parse(itemJson));
        if (!store.saveItemUnlessOlder(boardId, item, System.currentTimeMillis())) {
            return false;
        }
        cache.forgetBoardInMemory(boardId);
        return true;
    }

    @Override
    public void itemDeleted(String boardId, String itemId) {
        check(PathFormat.BOARD_ID, boardId);
        check(PathFormat.ITEM_ID, itemId);
        store.deleteItemOfEvent(boardId, itemId);
        cache.forgetBoardInMemory(boardId);
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
