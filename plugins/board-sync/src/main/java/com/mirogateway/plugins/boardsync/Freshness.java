package com.mirogateway.plugins.boardsync;

import java.time.Duration;

/**
 * Decides what a cached copy of a given age may be used for (RFC 5861's stale-while-revalidate and stale-if-error,
 * measured from when Miro sent it). Immutable.
 *
 * @param freshFor served as it is while younger than this
 * @param staleWhileRevalidate then served at once while a background call refreshes it, for this long
 * @param staleIfError after {@code freshFor}, stands in for this long when Miro fails
 */
record Freshness(Duration freshFor, Duration staleWhileRevalidate, Duration staleIfError) {

    /** What a cached copy is good for. */
    enum State {
        /** Serve it ({@code HIT}). */
        FRESH,
        /** Serve it ({@code STALE}) and refresh it in the background. */
        REVALIDATE,
        /** Ask Miro first; serve it ({@code STALE}) only if Miro fails. */
        ERROR_ONLY,
        /** Ask Miro; the copy is too old to stand in for anything. */
        EXPIRED
    }

    /**
     * Classifies a copy.
     *
     * @param ageMillis how long ago Miro sent it (negative counts as zero: clocks of instances differ slightly)
     * @param invalidated whether it was marked stale since (a change is known): never fresh, never served before
     *     revalidating
     * @return what the copy is good for
     */
    State classify(long ageMillis, boolean invalidated) {
        long age = Math.max(0, ageMillis);
        long fresh = freshFor.toMillis();
        if (!invalidated && age < fresh) {
            return State.FRESH;
        }
        if (!invalidated && age < fresh + staleWhileRevalidate.toMillis()) {
            return State.REVALIDATE;
        }
        if (age < fresh + staleIfError.toMillis()) {
            return State.ERROR_ONLY;
        }
        return State.EXPIRED;
    }
}
