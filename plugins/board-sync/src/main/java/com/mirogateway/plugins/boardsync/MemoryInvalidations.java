package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.ClusterMessages;

/**
 * Tells board-sync on the other gateways sharing the database to drop from their memory layer what this gateway
 * changed in the cache tables (a write's answer, a webhook event, a sync, a purge), so they read the tables again at
 * once instead of serving their copy until its TTL. Messages: {@code key:<cache key id>}, {@code board:<board id>},
 * {@code all}. Thread-safe.
 */
final class MemoryInvalidations {
    private final ClusterMessages cluster;

    MemoryInvalidations(ClusterMessages cluster) {
        this.cluster = cluster;
    }

    /** Drops the layer's entries that other gateways name, from now on (replacing an earlier start's listener). */
    void listen(MemoryCache memory) {
        cluster.subscribe(message -> apply(message, memory));
    }

    void key(CacheKey key) {
        cluster.publish("key:" + key.id());
    }

    void board(String boardId) {
        cluster.publish("board:" + boardId);
    }

    void all() {
        cluster.publish("all");
    }

    static void apply(String message, MemoryCache memory) {
        if (message.equals("all")) {
            memory.clear();
        } else if (message.startsWith("board:")) {
            memory.removeBoard(message.substring("board:".length()));
        } else if (message.startsWith("key:")) {
            memory.removeId(message.substring("key:".length()));
        }
    }
}
