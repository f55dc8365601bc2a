package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.Routes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cache's ops endpoints, under {@code /admin} and so guarded like the host's ops API (the {@code ops} role, and
 * loopback clients only where configured): {@code GET /admin/cache} (entries per table, memory layer, outcome counts
 * and rates, and {@code boards}: the first 200 boards with anything cached, {@code {boardId, rows}}), {@code DELETE /admin/cache/boards/{boardId}} and {@code DELETE /admin/cache} (hard purges, answering
 * what was removed).
 */
final class CacheAdmin {
    /** Most boards {@code GET /admin/cache} lists. */
    private static final int MAX_BOARDS = 200;

    private final CacheStore store;
    private final ReadThrough cache;
    private final CacheStats stats;
    private final SyncState state;

    CacheAdmin(CacheStore store, ReadThrough cache, CacheStats stats, SyncState state) {
        this.store = store;
        this.cache = cache;
        this.stats = stats;
        this.state = state;
    }

    void register(Routes routes) {
        routes.get("/admin/cache", this::show);
        routes.delete("/admin/cache/boards/{boardId}", this::purgeBoard);
        routes.delete("/admin/cache", this::purgeAll);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entries", store.counts());
        json.put("memoryEntries", cache.memorySize());
        json.put("requests", stats.json());
        json.put("boards", store.boards(MAX_BOARDS));
        Responses.json(res, json);
    }

    private void purgeBoard(ServerRequest req, ServerResponse res) {
        String boardId = ApiRoutes.boardId(req);
        Map<String, Long> removed = store.purgeBoard(boardId);
        cache.forgetBoardInMemory(boardId);
        state.forget(boardId);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("boardId", boardId);
        json.put("removed", removed);
        Responses.json(res, json);
    }

    private void purgeAll(ServerRequest req, ServerResponse res) {
        Map<String, Long> removed = store.purgeAll();
        cache.forgetAllInMemory();
        Responses.json(res, Map.of("removed", removed));
    }
}
