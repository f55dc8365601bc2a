package com.mirogateway.plugins.boardsync;

import java.nio.charset.StandardCharsets;

/**
 * A cached response: Miro's JSON as bytes, when it was fetched, and whether it was marked stale (must be revalidated
 * before it counts as fresh again, but may still stand in when Miro fails).
 *
 * @param body the JSON body, UTF-8
 * @param fetchedAt when Miro sent it, epoch milliseconds
 * @param invalidated true if marked stale since
 */
@SuppressWarnings("ArrayRecordComponent") // the bytes are never changed; a hit sends them without copying
record CacheEntry(byte[] body, long fetchedAt, boolean invalidated) {

    static CacheEntry of(String body, long fetchedAt, boolean invalidated) {
        return new CacheEntry(body.getBytes(StandardCharsets.UTF_8), fetchedAt, invalidated);
    }

    /** This entry, marked stale. */
    CacheEntry invalidate() {
        return new CacheEntry(body, fetchedAt, true);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheEntry e
                && e.fetchedAt == fetchedAt
                && e.invalidated == invalidated
                && java.util.Arrays.equals(e.body, body);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(body) * 31 + Long.hashCode(fetchedAt);
    }

    @Override
    public String toString() {
        return "CacheEntry[" + body.length + " bytes, fetchedAt=" + fetchedAt + ", invalidated=" + invalidated + "]";
    }
}
