package com.mirogateway.platform.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.api.StoreException;
import io.helidon.dbclient.DbRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The store's contract, run against each database by a subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {
    private Databases.TestDatabase database;
    private HostStore store;

    abstract Databases.TestDatabase createDatabase();

    abstract Store.Dialect expectedDialect();

    @BeforeAll
    void open() {
        database = createDatabase();
        store = HostStore.open(database.config());
    }

    @AfterAll
    void close() {
        store.close();
        database.close();
    }

    @Test
    void hostMigrationsRunOnceAndAreRecorded() {
        assertThat(store.dialect()).isEqualTo(expectedDialect());
        HostStore again = HostStore.open(database.config()); // a second start applies nothing new
        again.close();
        assertThat(versions("host")).containsExactly(1);
        assertThat(store.isReachable()).isTrue();
    }

    @Test
    void ownerMigrationsRunInOrderOncePickingTheDialectVariant() {
        Store plugin = store.forOwner("good-plugin", getClass().getClassLoader());
        plugin.migrate("testmigrations/good");
        plugin.migrate("testmigrations/good");
        assertThat(versions("good-plugin")).containsExactly(1, 2);
        String flavour = store.db()
                .execute()
                .get("SELECT flavour FROM good_plugin_notes WHERE id = 1")
                .map(row -> row.column("flavour").getString())
                .orElseThrow();
        assertThat(flavour).isEqualTo(expectedDialect() == Store.Dialect.SQLITE ? "sqlite" : "postgresql");
    }

    @Test
    void failedMigrationChangesNothingAndSaysWhich() {
        Store plugin = store.forOwner("bad-plugin", getClass().getClassLoader());
        assertThatThrownBy(() -> plugin.migrate("testmigrations/bad"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("V2")
                .hasMessageContaining("bad-plugin")
                .hasMessageContaining("changed nothing");
        assertThat(versions("bad-plugin")).containsExactly(1);
        assertThat(tableExists("bad_plugin_half"))
                .as("V2's first statement was rolled back")
                .isFalse();
    }

    @Test
    void transactionRollsBackWhenWorkThrows() {
        store.db().execute().dml("CREATE TABLE IF NOT EXISTS tx_test (id INTEGER PRIMARY KEY, note VARCHAR(20))");
        assertThatThrownBy(() -> store.transaction(tx -> {
                    tx.insert("INSERT INTO tx_test (id, note) VALUES (?, ?)", 1, "kept?");
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        store.transaction(tx -> tx.insert("INSERT INTO tx_test (id, note) VALUES (?, ?)", 2, "kept"));
        try (Stream<DbRow> rows = store.db().execute().query("SELECT id FROM tx_test ORDER BY id")) {
            assertThat(rows.map(r -> r.column("id").getInt()).toList()).containsExactly(2);
        }
    }

    @Test
    void concurrentWritersNeverSeeALockedDatabase() throws Exception {
        store.db().execute().dml("CREATE TABLE IF NOT EXISTS writers (id VARCHAR(40) PRIMARY KEY, n INTEGER)");
        List<Future<?>> writes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 32; t++) {
                int thread = t;
                writes.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        int n = i;
                        store.transaction(tx -> {
                            long count = tx.get("SELECT COUNT(*) AS c FROM writers")
                                    .map(r -> ((Number) r.column("c").get()).longValue())
                                    .orElse(0L);
                            return tx.insert(
                                    "INSERT INTO writers (id, n) VALUES (?, ?)", thread + "-" + n, (int) count);
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        }
        assertThat(store.db()
                        .execute()
                        .get("SELECT COUNT(*) AS c FROM writers")
                        .map(r -> ((Number) r.column("c").get()).longValue())
                        .orElseThrow())
                .isEqualTo(32 * 25L);
    }

    private List<Integer> versions(String owner) {
        try (Stream<DbRow> rows = store.db()
                .execute()
                .query("SELECT version FROM gateway_migrations WHERE owner = ? ORDER BY version", owner)) {
            return rows.map(r -> r.column("version").getInt()).toList();
        }
    }

    private boolean tableExists(String table) {
        String sql = expectedDialect() == Store.Dialect.SQLITE
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?"
                : "SELECT table_name FROM information_schema.tables WHERE table_name = ?";
        return store.db().execute().get(sql, table).isPresent();
    }
}
