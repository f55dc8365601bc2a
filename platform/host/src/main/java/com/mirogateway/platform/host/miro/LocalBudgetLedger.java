package com.mirogateway.platform.host.miro;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The budget counted in this process: right for one gateway (and for SQLite, where there is only one). */
final class LocalBudgetLedger implements BudgetLedger {
    private final Clock clock;
    private long limit;
    private long remaining;
    private Instant resetAt;

    LocalBudgetLedger(long creditsPerMinute, Clock clock) {
        this.clock = clock;
        this.limit = creditsPerMinute;
        this.remaining = creditsPerMinute;
        this.resetAt = clock.instant().plus(RateBudget.WINDOW);
    }

    @Override
    public synchronized Taken take(int credits, int floorPercent) {
        Instant now = clock.instant();
        if (!now.isBefore(resetAt)) {
            remaining = limit;
            resetAt = now.plus(RateBudget.WINDOW);
        }
        boolean granted = remaining - credits >= limit * floorPercent / 100;
        if (granted) {
            remaining -= credits;
        }
        return new Taken(granted, remaining, limit, resetAt);
    }

    @Override
    public synchronized void reconcile(Optional<Long> newLimit, Optional<Long> newRemaining, Optional<Instant> reset) {
        newLimit.filter(l -> l > 0).ifPresent(l -> limit = l);
        newRemaining.filter(r -> r >= 0).ifPresent(r -> remaining = r);
        reset.ifPresent(r -> resetAt = r);
    }

    @Override
    public synchronized void exhaust(Instant until) {
        remaining = 0;
        resetAt = until;
    }

    @Override
    public synchronized String describe() {
        return "remaining " + remaining + " of " + limit + " credits until " + resetAt;
    }
}
