package com.mirogateway.plugins.boardsync;

/**
 * A response served from the read-through cache.
 *
 * @param body Miro's JSON
 * @param outcome how it was served, for {@code X-Cache}
 * @param ageSeconds how long ago Miro sent it, for {@code Age}
 */
@SuppressWarnings("ArrayRecordComponent") // the bytes are never changed; a hit sends them without copying
record Cached(byte[] body, Outcome outcome, long ageSeconds) {

    /** How a response was served: the value of {@code X-Cache}. */
    enum Outcome {
        /** From the cache, fresh. */
        HIT,
        /** Fetched from Miro for this request (or for a concurrent one it waited for). */
        MISS,
        /** From the cache, older than its freshness window: being revalidated, or Miro failed. */
        STALE
    }

    static Cached of(CacheEntry entry, Outcome outcome, long now) {
        return new Cached(entry.body(), outcome, Math.max(0, now - entry.fetchedAt()) / 1000);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cached c
                && c.outcome == outcome
                && c.ageSeconds == ageSeconds
                && java.util.Arrays.equals(c.body, body);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(body) * 31 + outcome.hashCode();
    }

    @Override
    public String toString() {
        return "Cached[" + outcome + ", age " + ageSeconds + " s, " + body.length + " bytes]";
    }
}
