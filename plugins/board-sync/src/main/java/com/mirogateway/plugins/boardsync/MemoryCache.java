package com.mirogateway.plugins.boardsync;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recently read responses held in memory in front of the cache tables, so a hit costs no database round trip. An entry
 * lives at most {@code ttl} (then the tables are read again: they are authoritative); the layer holds at most
 * {@code maxEntries}, dropping arbitrary entries when full. Writes through this gateway remove what they change, and
 * so do changes made through another gateway sharing the database ({@link MemoryInvalidations}). Thread-safe.
 */
final class MemoryCache {
    private record Held(CacheEntry entry, Optional<String> boardId, long heldSince) {}

    private final Map<String, Held> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long ttlMillis;

    MemoryCache(int maxEntries, java.time.Duration ttl) {
        this.maxEntries = maxEntries;
        this.ttlMillis = ttl.toMillis();
    }

    Optional<CacheEntry> get(CacheKey key, long now) {
        Held held = entries.get(key.id());
        if (held == null) {
            return Optional.empty();
        }
        if (now - held.heldSince >= ttlMillis) {
            entries.remove(key.id(), held);
            return Optional.empty();
        }
        return Optional.of(held.entry);
    }

    void put(CacheKey key, CacheEntry entry, long now) {
        if (maxEntries == 0 || ttlMillis == 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            evict(now);
        }
        entries.put(key.id(), new Held(entry, key.boardId(), now));
    }

    void remove(CacheKey key) {
        entries.remove(key.id());
    }

    /** Drops the entry of a key given by its {@link CacheKey#id()}. */
    void removeId(String keyId) {
        entries.remove(keyId);
    }

    /** Drops everything held about a board. */
    void removeBoard(String boardId) {
        entries.values().removeIf(held -> held.boardId.filter(boardId::equals).isPresent());
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    /** Drops expired entries, then arbitrary ones until a tenth of the room is free. */
    private void evict(long now) {
        entries.values().removeIf(held -> now - held.heldSince >= ttlMillis);
        Iterator<String> keys = entries.keySet().iterator();
        int target = maxEntries - Math.max(1, maxEntries / 10);
        while (entries.size() > target && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
