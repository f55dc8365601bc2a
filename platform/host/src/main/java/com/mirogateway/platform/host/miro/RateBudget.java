package com.mirogateway.platform.host.miro;

import com.mirogateway.platform.api.MiroRequest.Priority;
import com.mirogateway.platform.api.MiroResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The client's view of Miro's rate budget (credits per user and app per minute): a bucket that each call draws its
 * credits from, reconciled with {@code X-RateLimit-Limit/Remaining/Reset} on every answer (other clients of the same
 * app spend the same budget) and blocked until the reset after a 429.
 *
 * <p>{@link #reserve} decides per call: go now, go after a pause (below {@code slow-down-below} percent the remaining
 * calls are spread evenly over the time to the reset), or wait for a time (budget spent, or blocked by a 429).
 * Background calls may not dip into the reserve kept for interactive ones. Thread-safe (one lock, never held while
 * sleeping). The credits are counted in a {@link BudgetLedger}: this process's, or one shared by every gateway on the
 * same PostgreSQL database; a 429's block applies to this process and empties the shared window.
 */
final class RateBudget {
    /** Miro's window; also the longest a 429 blocks calls when it names a later reset. */
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final MiroConfig.RateLimitSettings settings;
    private final Clock clock;
    private final BudgetLedger ledger;
    private Instant blockedUntil = Instant.EPOCH;

    RateBudget(MiroConfig.RateLimitSettings settings, Clock clock) {
        this(settings, clock, new LocalBudgetLedger(settings.creditsPerMinute(), clock));
    }

    /**
     * A budget counted in {@code ledger}: this process's own, or the one row all gateways sharing PostgreSQL take
     * from.
     */
    RateBudget(MiroConfig.RateLimitSettings settings, Clock clock, BudgetLedger ledger) {
        this.settings = settings;
        this.clock = clock;
        this.ledger = ledger;
    }

    /** What a call may do now. */
    sealed interface Decision {
        /**
         * Send the call after {@code pause} (zero: at once); its credits are taken.
         *
         * @param pause how long to pause before sending, to spread the remaining budget
         */
        record Go(Duration pause) implements Decision {}

        /**
         * Do not send before {@code until}; nothing was taken.
         *
         * @param until when the budget allows the call again
         * @param blocked true if a 429 blocks all calls, false if only the budget is spent
         */
        record Wait(Instant until, boolean blocked) implements Decision {}
    }

    /** Takes a call's credits if the budget allows it (see {@link Decision}). */
    Decision reserve(Priority priority, int credits) {
        Instant now = clock.instant();
        synchronized (this) {
            if (now.isBefore(blockedUntil)) {
                return new Decision.Wait(blockedUntil, true);
            }
        }
        int floorPercent = priority == Priority.BACKGROUND ? settings.backgroundReserve() : 0;
        BudgetLedger.Taken taken = ledger.take(credits, floorPercent);
        if (!taken.granted()) {
            return new Decision.Wait(taken.resetAt(), false);
        }
        long slowBelow = taken.limit() * settings.slowDownBelow() / 100;
        if (taken.remaining() >= slowBelow || credits == 0 || !taken.resetAt().isAfter(now)) {
            return new Decision.Go(Duration.ZERO);
        }
        long floor = taken.limit() * floorPercent / 100;
        long callsLeft = Math.max(1, (taken.remaining() - floor) / credits);
        return new Decision.Go(Duration.between(now, taken.resetAt()).dividedBy(callsLeft));
    }

    /** Takes Miro's view of the budget from an answer's headers, when it sent them. */
    void reconcile(MiroResponse response) {
        ledger.reconcile(
                number(response, "X-RateLimit-Limit"),
                number(response, "X-RateLimit-Remaining"),
                number(response, "X-RateLimit-Reset").map(Instant::ofEpochSecond));
    }

    /**
     * Blocks every call after a 429 until Miro's reset ({@code Retry-After} if sent, else {@code X-RateLimit-Reset},
     * else one window), at most one window from now.
     *
     * @return the time calls may resume
     */
    synchronized Instant blockAfter429(MiroResponse response) {
        Instant now = clock.instant();
        Instant until = RetryAfter.of(response, now, WINDOW)
                .or(() -> number(response, "X-RateLimit-Reset").map(Instant::ofEpochSecond))
                .orElse(now.plus(WINDOW));
        if (until.isAfter(now.plus(WINDOW))) {
            until = now.plus(WINDOW);
        }
        if (!until.isAfter(now)) {
            until = now.plusSeconds(1);
        }
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
        }
        ledger.exhaust(until);
        return blockedUntil;
    }

    /** A snapshot for logs and tests. */
    String describe() {
        Instant blocked;
        synchronized (this) {
            blocked = blockedUntil;
        }
        return ledger.describe() + (blocked.isAfter(clock.instant()) ? ", blocked until " + blocked : "");
    }

    private static Optional<Long> number(MiroResponse response, String header) {
        return response.header(header).map(String::strip).flatMap(value -> {
            try {
                return Optional.of(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
