package com.mirogateway.platform.host.miro;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the credits of Miro's rate budget are counted: in this process ({@link LocalBudgetLedger}) or in one row that
 * every gateway sharing PostgreSQL takes from ({@link SharedBudgetLedger}). The window refills to the limit when its
 * reset time passes, wherever the count is. Implementations are thread-safe.
 */
interface BudgetLedger {

    /**
     * What a take left.
     *
     * @param granted whether the credits were taken
     * @param remaining credits left in the window after the take
     * @param limit credits per window
     * @param resetAt when the window refills
     */
    record Taken(boolean granted, long remaining, long limit, Instant resetAt) {}

    /**
     * Takes {@code credits} if at least {@code floorPercent} of the limit remains afterwards.
     *
     * @param credits the call's cost
     * @param floorPercent the share of the limit that must stay (the interactive reserve for background calls)
     * @return what the take left; nothing is taken when not granted
     */
    Taken take(int credits, int floorPercent);

    /**
     * Takes Miro's view of the budget from an answer's headers.
     *
     * @param limit {@code X-RateLimit-Limit}, if sent and positive
     * @param remaining {@code X-RateLimit-Remaining}, if sent
     * @param resetAt {@code X-RateLimit-Reset}, if sent
     */
    void reconcile(Optional<Long> limit, Optional<Long> remaining, Optional<Instant> resetAt);

    /**
     * Empties the window until {@code until} (after a 429).
     *
     * @param until when calls may resume
     */
    void exhaust(Instant until);

    /** A snapshot for logs and tests. */
    String describe();
}
