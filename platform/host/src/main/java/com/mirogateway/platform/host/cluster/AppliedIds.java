package com.mirogateway.platform.host.cluster;

import java.util.TreeSet;

/**
 * Which change ids this instance has applied: every id up to {@link #floor()}, and the ids above it in a set.
 *
 * <p>PostgreSQL hands out ids when a row is inserted, not when it commits, so a reader can see id 8 before id 7
 * commits; the hole below 8 is held open (the catch-up keeps reading above the floor) for {@code gapTimeout}, after
 * which it is taken for a rolled-back transaction and passed over. Used by the receiver's single thread only.
 */
final class AppliedIds {
    private final long gapTimeoutMillis;
    private final TreeSet<Long> above = new TreeSet<>();
    private long floor;
    private long gapSince = -1;

    AppliedIds(long floor, long gapTimeoutMillis) {
        this.floor = floor;
        this.gapTimeoutMillis = gapTimeoutMillis;
    }

    /** Every id up to this one is applied (or passed over). */
    long floor() {
        return floor;
    }

    /** Records an id; returns false if it was applied before. */
    boolean add(long id) {
        return id > floor && above.add(id);
    }

    /** Moves the floor over the ids applied without holes, and over holes older than the gap timeout. */
    void settle(long nowMillis) {
        while (!above.isEmpty()) {
            if (above.first() == floor + 1) {
                floor = above.pollFirst();
            } else if (gapSince < 0) {
                gapSince = nowMillis;
                return;
            } else if (nowMillis - gapSince >= gapTimeoutMillis) {
                floor = above.first() - 1;
                gapSince = -1;
            } else {
                return;
            }
        }
        gapSince = -1;
    }
}
