package com.mirogateway.platform.host.miro;

import com.mirogateway.platform.host.store.HostStore;
import io.helidon.dbclient.DbRow;
import java.time.Instant;
import java.util.Optional;

/**
 * The budget of every gateway sharing a PostgreSQL database: one row of {@code gateway_miro_budget}, taken from with
 * one {@code UPDATE ... RETURNING} per call (the row lock orders concurrent takes, so the instances' calls together
 * never exceed the window's credits). The window refills by the database clock. Miro's headers only ever lower what
 * remains in the current window, or start the next one when they name a later reset: answers arrive out of order from
 * several instances, and a stale, higher count must not hand out credits twice.
 */
final class SharedBudgetLedger implements BudgetLedger {
    private static final long WINDOW_MILLIS = RateBudget.WINDOW.toMillis();
    /** What a window starts with when the current one is over, and whether the credits fit above the floor. */
    private static final String AVAILABLE = "(CASE WHEN n.ms >= b.reset_at THEN b.credit_limit ELSE b.remaining END)";

    private final HostStore store;
    private final String take;
    private final long creditsPerMinute;
    private volatile Taken last;

    SharedBudgetLedger(HostStore store, long creditsPerMinute) {
        this.store = store;
        this.creditsPerMinute = creditsPerMinute;
        String now = store.nowMillis();
        String fits = AVAILABLE + " - ? >= b.credit_limit * ? / 100";
        this.take = "UPDATE gateway_miro_budget b SET"
                + " reset_at = CASE WHEN n.ms >= b.reset_at THEN n.ms + " + WINDOW_MILLIS + " ELSE b.reset_at END,"
                + " granted = CASE WHEN " + fits + " THEN 1 ELSE 0 END,"
                + " remaining = " + AVAILABLE + " - CASE WHEN " + fits + " THEN ? ELSE 0 END"
                + " FROM (SELECT " + now + " AS ms) n WHERE b.id = 1"
                + " RETURNING b.granted, b.remaining, b.credit_limit, b.reset_at";
        open();
    }

    /**
     * One autocommit statement on the unlogged row: no WAL, so no disk flush per Miro call. A row lost to a PostgreSQL
     * crash is written again with a full window.
     */
    @Override
    public Taken take(int credits, int floorPercent) {
        Optional<Taken> taken = tryTake(credits, floorPercent);
        if (taken.isEmpty()) {
            open();
            taken = tryTake(credits, floorPercent);
        }
        Taken result = taken.orElseThrow(() -> new IllegalStateException("The row of gateway_miro_budget is missing"));
        last = result;
        return result;
    }

    /** Writes the row with a full window, or sets the configured limit on the row other instances wrote. */
    private void open() {
        String now = store.nowMillis();
        store.db()
                .execute()
                .dml(
                        "INSERT INTO gateway_miro_budget (id, credit_limit, remaining, reset_at, granted)"
                                + " VALUES (1, ?, ?, " + now + " + " + WINDOW_MILLIS + ", 1) ON CONFLICT (id) DO UPDATE"
                                + " SET credit_limit = excluded.credit_limit,"
                                + " remaining = LEAST(gateway_miro_budget.remaining, excluded.credit_limit)",
                        creditsPerMinute,
                        creditsPerMinute);
    }

    private Optional<Taken> tryTake(int credits, int floorPercent) {
        return store.db()
                .execute()
                .get(take, credits, floorPercent, credits, floorPercent, credits)
                .map(SharedBudgetLedger::taken);
    }

    @Override
    public void reconcile(Optional<Long> limit, Optional<Long> remaining, Optional<Instant> resetAt) {
        Taken known = last;
        Optional<Long> newLimit = limit.filter(l -> l > 0 && (known == null || l != known.limit()));
        Optional<Long> lower = remaining.filter(r -> r >= 0 && (known == null || r < known.remaining()));
        Optional<Long> nextWindow = resetAt.map(Instant::toEpochMilli)
                .filter(r -> known == null || r > known.resetAt().toEpochMilli() + 1000);
        newLimit.ifPresent(
                l -> store.db().execute().dml("UPDATE gateway_miro_budget SET credit_limit = ? WHERE id = 1", l));
        if (nextWindow.isPresent() && remaining.isPresent()) {
            store.db()
                    .execute()
                    .dml(
                            "UPDATE gateway_miro_budget SET remaining = CASE WHEN ? > reset_at THEN ?"
                                    + " ELSE LEAST(remaining, ?) END, reset_at = GREATEST(reset_at, ?) WHERE id = 1",
                            nextWindow.get(),
                            remaining.get(),
                            remaining.get(),
                            nextWindow.get());
        } else if (lower.isPresent()) {
            store.db()
                    .execute()
                    .dml("UPDATE gateway_miro_budget SET remaining = LEAST(remaining, ?) WHERE id = 1", lower.get());
        }
    }

    @Override
    public void exhaust(Instant until) {
        store.db()
                .execute()
                .dml(
                        "UPDATE gateway_miro_budget SET remaining = 0, reset_at = GREATEST(reset_at, ?) WHERE id = 1",
                        until.toEpochMilli());
    }

    @Override
    public String describe() {
        return store.db()
                .execute()
                .get("SELECT remaining, credit_limit, reset_at FROM gateway_miro_budget WHERE id = 1")
                .map(row -> "remaining " + number(row, "remaining") + " of " + number(row, "credit_limit")
                        + " credits (shared) until " + Instant.ofEpochMilli(number(row, "reset_at")))
                .orElse("no shared budget row");
    }

    private static Taken taken(DbRow row) {
        return new Taken(
                number(row, "granted") == 1,
                number(row, "remaining"),
                number(row, "credit_limit"),
                Instant.ofEpochMilli(number(row, "reset_at")));
    }

    private static long number(DbRow row, String column) {
        return ((Number) row.column(column).get()).longValue();
    }
}
