package com.mirogateway.platform.host.miro;

import com.mirogateway.platform.host.store.Databases;
import com.mirogateway.platform.host.store.HostStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark of {@code bench/cluster/run.sh} (not a test): what counting Miro's rate budget costs per call, side by
 * side: the local ledger (one gateway), the shared row in PostgreSQL ({@link SharedBudgetLedger}: one UPDATE per call)
 * with one and with three instances (each with its own store and pool, as separate gateways), and leases of budget
 * slices (one take of {@code slice} credits per {@code slice} calls, the rest counted locally).
 */
final class BudgetBenchmark {
    private static final int CALLS = Integer.getInteger("calls", 5_000);
    private static final int SLICE = Integer.getInteger("slice", 20);

    private BudgetBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "%-32s %10s %12s%n", "ledger", "calls", "us/call");
        LocalBudgetLedger local = new LocalBudgetLedger(Long.MAX_VALUE / 2, Clock.systemUTC());
        print("local (in process)", CALLS * 10, time(CALLS * 10, () -> local.take(1, 0)));
        try (Databases.TestDatabase database = Databases.postgres()) {
            List<HostStore> stores = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    HostStore store = HostStore.open(database.config());
                    store.forOwner(HostMiroClient.STORE_OWNER, BudgetBenchmark.class.getClassLoader())
                            .migrate("com/mirogateway/platform/host/miro/migration");
                    stores.add(store);
                }
                SharedBudgetLedger one = new SharedBudgetLedger(stores.get(0), Long.MAX_VALUE / 4);
                time(CALLS / 5, () -> one.take(1, 0)); // warm-up
                print("shared row, 1 instance", CALLS, time(CALLS, () -> one.take(1, 0)));
                print("shared row, 3 instances", CALLS, parallel(stores, (ledger, i) -> ledger.take(1, 0)));
                print(
                        "lease of " + SLICE + " credits, 3 instances",
                        CALLS,
                        parallel(stores, (ledger, i) -> i % SLICE == 0 ? ledger.take(SLICE, 0) : null));
            } finally {
                stores.forEach(HostStore::close);
            }
        }
    }

    private interface Call {
        Object run(SharedBudgetLedger ledger, int index);
    }

    /** Three instances taking concurrently; microseconds per call over all of them (wall clock). */
    private static double parallel(List<HostStore> stores, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(stores.size());
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (HostStore store : stores) {
                SharedBudgetLedger ledger = new SharedBudgetLedger(store, Long.MAX_VALUE / 4);
                tasks.add(() -> {
                    for (int i = 0; i < CALLS / stores.size(); i++) {
                        call.run(ledger, i);
                    }
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
            return (System.nanoTime() - start) / 1000.0 / CALLS;
        } finally {
            pool.shutdown();
        }
    }

    private static double time(int calls, Runnable call) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1000.0 / calls;
    }

    private static void print(String name, int calls, double micros) {
        System.out.printf(Locale.ROOT, "%-32s %10d %12.1f%n", name, calls, micros);
    }
}
