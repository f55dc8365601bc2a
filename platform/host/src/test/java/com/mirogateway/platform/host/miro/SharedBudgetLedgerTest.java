package com.mirogateway.platform.host.miro;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.host.store.Databases;
import com.mirogateway.platform.host.store.HostStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The budget row on a real PostgreSQL database, taken from by three stores as three gateways would. */
class SharedBudgetLedgerTest {
    private static final String MIGRATIONS = "com/mirogateway/platform/host/miro/migration";

    private static HostStore open(Databases.TestDatabase database) {
        HostStore store = HostStore.open(database.config());
        store.forOwner(HostMiroClient.STORE_OWNER, SharedBudgetLedgerTest.class.getClassLoader())
                .migrate(MIGRATIONS);
        return store;
    }

    @Test
    void threeInstancesTakingAtOnceNeverGetMoreThanTheWindowHolds() throws Exception {
        try (Databases.TestDatabase database = Databases.postgres()) {
            List<HostStore> stores = List.of(open(database), open(database), open(database));
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Callable<Integer>> instances = new ArrayList<>();
                for (HostStore store : stores) {
                    SharedBudgetLedger ledger = new SharedBudgetLedger(store, 1000);
                    instances.add(() -> {
                        int granted = 0;
                        for (int call = 0; call < 40; call++) {
                            granted += ledger.take(10, 0).granted() ? 1 : 0;
                        }
                        return granted;
                    });
                }
                int granted = 0;
                for (Future<Integer> instance : pool.invokeAll(instances)) {
                    granted += instance.get();
                }
                assertThat(granted)
                        .as("1000 credits, 10 a call, 120 calls asked")
                        .isEqualTo(100);
            } finally {
                pool.shutdown();
                stores.forEach(HostStore::close);
            }
        }
    }

    @Test
    void backgroundCallsLeaveTheReserveAndHeadersOnlyLowerTheCount() {
        try (Databases.TestDatabase database = Databases.postgres();
                HostStore store = open(database)) {
            SharedBudgetLedger ledger = new SharedBudgetLedger(store, 100);

            assertThat(ledger.take(50, 40).granted()).isTrue();
            assertThat(ledger.take(20, 40).granted())
                    .as("would dip into the 40% reserve")
                    .isFalse();
            BudgetLedger.Taken interactive = ledger.take(20, 0);
            assertThat(interactive.granted()).isTrue();
            assertThat(interactive.remaining()).isEqualTo(30);

            ledger.reconcile(Optional.empty(), Optional.of(90L), Optional.empty());
            assertThat(ledger.take(0, 0).remaining())
                    .as("a stale, higher count is ignored")
                    .isEqualTo(30);
            ledger.reconcile(Optional.empty(), Optional.of(10L), Optional.empty());
            assertThat(ledger.take(0, 0).remaining()).isEqualTo(10);

            ledger.exhaust(Instant.now().plusSeconds(30));
            assertThat(ledger.take(1, 0).granted()).isFalse();
        }
    }

    @Test
    void aRowLostWithAPostgresCrashStartsAFreshWindow() {
        try (Databases.TestDatabase database = Databases.postgres();
                HostStore store = open(database)) {
            SharedBudgetLedger ledger = new SharedBudgetLedger(store, 100);
            ledger.take(60, 0);

            store.db()
                    .execute()
                    .dml("DELETE FROM gateway_miro_budget"); // what crash recovery does to an unlogged table

            BudgetLedger.Taken taken = ledger.take(10, 0);
            assertThat(taken.granted()).isTrue();
            assertThat(taken.remaining()).isEqualTo(90);
        }
    }
}
