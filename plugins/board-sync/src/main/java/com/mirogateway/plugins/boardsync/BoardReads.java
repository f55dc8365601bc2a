package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.MiroClient;
import com.mirogateway.platform.api.MiroRequest;
import java.util.Optional;

/**
 * The reads clients make, each a cache key and the Miro call that fills it: boards (offset-paged), one board, a board's
 * items (cursor-paged, one page per normalised query), one item, and one item in its typed shape. Called on request
 * threads; every read of a board's data also notes the read for the re-sync schedule. Thread-safe.
 */
final class BoardReads {
    private final MiroClient miro;
    private final ReadThrough cache;
    private final SyncState state;
    private final ReplicaReads replica;

    BoardReads(MiroClient miro, ReadThrough cache, SyncState state, ReplicaReads replica) {
        this.miro = miro;
        this.cache = cache;
        this.state = state;
        this.replica = replica;
    }

    /** {@code GET /v2/boards} with a normalised query. */
    Cached boards(ListQuery query) {
        CacheKey key = new CacheKey.Page("boards?" + query.key(), Optional.empty(), false);
        return cache.read(
                key,
                () -> fetch(withQuery(MiroRequest.get("v2", "boards"), query).credits(50)));
    }

    /** {@code GET /v2/boards/{boardId}}. */
    Cached board(String boardId) {
        state.recordRead(boardId);
        return cache.read(
                new CacheKey.Board(boardId),
                () -> fetch(MiroRequest.get("v2", "boards", boardId).credits(50)));
    }

    /**
     * {@code GET /v2/boards/{boardId}/items} with a normalised query: from the board's replica once it was synced,
     * else through the cache per query.
     *
     * @param path the request's raw path, for the replica's {@code links}
     */
    Cached items(String boardId, ListQuery query, String path) {
        state.recordRead(boardId);
        Optional<Cached> synced = replica.items(boardId, query, path);
        if (synced.isPresent()) {
            return synced.get();
        }
        CacheKey key = new CacheKey.Page("items:" + boardId + "?" + query.key(), Optional.of(boardId), true);
        return cache.read(
                key,
                () -> fetch(withQuery(MiroRequest.get("v2", "boards", boardId, "items"), query)
                        .credits(100)));
    }

    /** {@code GET /v2/boards/{boardId}/items/{itemId}}. */
    Cached item(String boardId, String itemId) {
        state.recordRead(boardId);
        return cache.read(
                new CacheKey.Item(boardId, itemId),
                () -> fetch(MiroRequest.get("v2", "boards", boardId, "items", itemId)
                        .credits(50)));
    }

    /** {@code GET /v2/boards/{boardId}/{type}/{itemId}}, e.g. a sticky note in its own shape. */
    Cached typedItem(String boardId, String type, String itemId) {
        state.recordRead(boardId);
        CacheKey key = new CacheKey.Page("typed:" + boardId + ":" + type + ":" + itemId, Optional.of(boardId), false);
        return cache.read(
                key,
                () -> fetch(
                        MiroRequest.get("v2", "boards", boardId, type, itemId).credits(50)));
    }

    private String fetch(MiroRequest.Builder request) {
        return miro.send(request.build()).text();
    }

    private static MiroRequest.Builder withQuery(MiroRequest.Builder request, ListQuery query) {
        query.params().forEach(request::query);
        return request;
    }
}
