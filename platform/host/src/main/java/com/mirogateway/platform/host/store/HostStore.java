package com.mirogateway.platform.host.store;

import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.api.StoreException;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The gateway's database: opened once at startup, shared by the host (job queue, plugin states) and every plugin.
 *
 * <p>{@link #open(StoreConfig)} connects, then applies the host's migrations (the {@code host} owner); a failure there
 * means the gateway must not start. {@link #forOwner(String, ClassLoader)} gives each plugin a view whose
 * {@link #migrate(String)} records its migrations under its own id and reads scripts from its class loader.
 * Thread-safe.
 */
public final class HostStore implements Store, AutoCloseable {
    /** The owner name of the host's own migrations. */
    public static final String HOST_OWNER = "host";

    private static final System.Logger LOG = System.getLogger(HostStore.class.getName());
    private static final String HOST_MIGRATIONS = "com/mirogateway/platform/host/store/migration";

    private final ConnectionPool pool;
    private final DbClient db;
    private final Dialect dialect;
    private final Migrator migrator;
    /** SQLite's group commit (its writer thread starts on first use); unused on PostgreSQL. */
    private volatile GroupCommit groupCommit;
    /** Actions waiting for the commit of the transaction open on this thread; unset outside transactions. */
    private static final ThreadLocal<List<Runnable>> AFTER_COMMIT = new ThreadLocal<>();

    private HostStore(ConnectionPool pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
        this.db = JdbcClientBuilder.create().connectionPool(pool).build();
        this.migrator = new Migrator(this);
    }

    /**
     * Connects and applies the host's migrations.
     *
     * @param config the store configuration
     * @return the open store
     * @throws StoreException if the database is unreachable or a host migration failed (nothing of that migration
     *     stays applied)
     */
    public static HostStore open(StoreConfig config) {
        ConnectionPool pool;
        try {
            pool = ConnectionPool.open(config);
        } catch (RuntimeException e) {
            throw new StoreException("Cannot open the store at " + redacted(config.url()) + ": " + e.getMessage(), e);
        }
        HostStore store = new HostStore(pool, config.isSqlite() ? Dialect.SQLITE : Dialect.POSTGRESQL);
        try {
            store.migrator.migrate(HOST_OWNER, HostStore.class.getClassLoader(), HOST_MIGRATIONS);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        LOG.log(Level.INFO, "Store open: {0} at {1}", store.dialect, redacted(config.url()));
        return store;
    }

    @Override
    public DbClient db() {
        return db;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public <T> T transaction(Function<DbExecute, T> work) {
        List<Runnable> outer = AFTER_COMMIT.get();
        List<Runnable> pending = new ArrayList<>();
        AFTER_COMMIT.set(pending);
        T result;
        try {
            result = inTransaction(work);
        } finally {
            if (outer == null) {
                AFTER_COMMIT.remove();
            } else {
                AFTER_COMMIT.set(outer);
            }
        }
        pending.forEach(Runnable::run);
        return result;
    }

    /**
     * On SQLite, shares one transaction and commit among concurrent callers (see {@link GroupCommit}); on PostgreSQL,
     * whose many connections commit concurrently already, an ordinary {@link #transaction(Function)}.
     */
    @Override
    public <T> T groupCommit(Function<DbExecute, T> work) {
        return dialect == Dialect.SQLITE ? groupCommitter().run(work) : transaction(work);
    }

    private GroupCommit groupCommitter() {
        GroupCommit committer = groupCommit;
        if (committer != null) {
            return committer;
        }
        synchronized (this) {
            if (groupCommit == null) {
                groupCommit = new GroupCommit(this);
            }
            return groupCommit;
        }
    }

    /**
     * Runs {@code action} once the transaction open on this thread commits (never if it rolls back), or at once when
     * none is open.
     *
     * @param action what to run, such as waking the job workers after an enqueue inside a transaction
     */
    public void afterCommit(Runnable action) {
        List<Runnable> pending = AFTER_COMMIT.get();
        if (pending == null) {
            action.run();
        } else {
            pending.add(action);
        }
    }

    private <T> T inTransaction(Function<DbExecute, T> work) {
        DbTransaction tx = db.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (DbClientException e) {
            rollbackQuietly(tx, e);
            throw new StoreException(e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            rollbackQuietly(tx, e);
            throw e;
        }
        try {
            tx.commit();
        } catch (DbClientException e) {
            throw new StoreException("Commit failed: " + e.getMessage(), e);
        }
        return result;
    }

    /** Applies the host's own migrations from {@code location} on the host's class path. */
    @Override
    public void migrate(String location) {
        migrator.migrate(HOST_OWNER, HostStore.class.getClassLoader(), location);
    }

    /**
     * The store as one plugin sees it: the same client, migrations recorded under the plugin's id.
     *
     * @param owner the plugin id
     * @param classLoader the plugin's class loader, whose own jar or folder holds its migration scripts
     * @return the plugin's view
     */
    public Store forOwner(String owner, ClassLoader classLoader) {
        return new OwnedStore(this, owner, classLoader);
    }

    /**
     * Whether the database answers a trivial query right now.
     *
     * @return true if it does
     */
    public boolean isReachable() {
        try {
            return db.execute().get("SELECT 1 AS one").isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The SQL expression of the database clock in epoch milliseconds. Every lease, run time and timestamp the host
     * compares is taken from it, so instances sharing PostgreSQL agree on time.
     *
     * @return the expression, usable wherever a BIGINT value is
     */
    public String nowMillis() {
        return dialect == Dialect.SQLITE
                ? "CAST(unixepoch('subsec') * 1000 AS INTEGER)"
                : "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    }

    /**
     * Runs {@code work} on a pooled connection (autocommit) with plain JDBC, for the host's few hot statements (the
     * job queue's claim and completion) where {@link #db()}'s per-row metadata and mapping cost more than the database
     * does; everything else goes through {@link #db()}.
     *
     * @param work the statements; its {@link SQLException} becomes a {@link StoreException}
     * @param <T> what it returns
     * @return what {@code work} returned
     * @throws StoreException if there is no connection or a statement failed
     */
    public <T> T withConnection(JdbcWork<T> work) {
        try (Connection connection = pool.connection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        } catch (DbClientException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    /**
     * Statements on one JDBC connection; see {@link #withConnection(JdbcWork)}.
     *
     * @param <T> what they return
     */
    @FunctionalInterface
    public interface JdbcWork<T> {
        /**
         * Runs the statements.
         *
         * @param connection the connection, in autocommit mode; not to be closed or kept
         * @return the result
         * @throws SQLException if a statement failed
         */
        T apply(Connection connection) throws SQLException;
    }

    void migrate(String owner, ClassLoader classLoader, String location) {
        migrator.migrate(owner, classLoader, location);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (groupCommit != null) {
                groupCommit.close();
            }
        }
        db.close();
        pool.close();
    }

    private static void rollbackQuietly(DbTransaction tx, Throwable failure) {
        try {
            tx.rollback();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
