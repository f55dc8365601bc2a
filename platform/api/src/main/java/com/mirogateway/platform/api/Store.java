package com.mirogateway.platform.api;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The gateway's database, shared by the host and every plugin: SQLite by default, PostgreSQL when several gateway
 * instances share one database ({@code store.url}).
 *
 * <p>Plugins read and write through Helidon's {@link DbClient}; the same SQL runs on both databases as long as it keeps
 * to their common dialect (see {@link #dialect()} for the exceptions). Table names should start with the plugin id
 * (with {@code -} written {@code _}) so plugins never collide. On SQLite every statement and transaction goes through
 * one connection, so writers never see {@code database is locked}; a transaction therefore must not wait for another
 * statement outside it (it would wait for its own connection), and must be short. Implementations are thread-safe.
 */
public interface Store {

    /** The database behind the store. */
    enum Dialect {
        /** A SQLite file under the gateway's data folder; one instance only. */
        SQLITE,
        /** A PostgreSQL database, possibly shared by several gateway instances. */
        POSTGRESQL
    }

    /**
     * The client for ad-hoc statements. Each statement outside {@link #transaction(Function)} commits on its own.
     * Close every {@code Stream} a query returns (try-with-resources): it holds a connection until closed.
     *
     * @return the database client, valid while the gateway runs
     */
    DbClient db();

    /**
     * Which database this is, for the few statements whose syntax differs.
     *
     * @return the dialect
     */
    Dialect dialect();

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (the exception is
     * rethrown). On SQLite the transaction takes the write lock at its start ({@code BEGIN IMMEDIATE}).
     *
     * @param work the statements to run; called once, on the calling thread
     * @param <T> the result type
     * @return what {@code work} returned
     * @throws StoreException if the database fails (the transaction is rolled back)
     */
    <T> T transaction(Function<DbExecute, T> work);

    /**
     * As {@link #transaction(Function)}, but the transaction may be shared with other threads' concurrent
     * {@code groupCommit} calls, so that one commit covers them all (group commit): for many small, concurrent
     * writes such as storing each incoming request before answering it. When it returns, {@code work}'s statements
     * are committed; when it throws, none of them are.
     *
     * <p>A {@code work} that throws gets its exception rethrown (a database failure as {@link StoreException}) and
     * rolls back the shared transaction: the other callers of that batch get a {@link StoreException}, as they do when
     * the shared commit fails, and nothing of theirs is committed (they may try again). On SQLite {@code work} runs on
     * the store's writer thread (with the caller's context class loader and correlation id) while
     * the caller waits; on PostgreSQL it is an ordinary transaction on the calling thread. {@code work} must be short,
     * must not call the store outside the transaction it is given, and is called once.
     *
     * @param work the statements to run
     * @param <T> the result type
     * @return what {@code work} returned
     * @throws StoreException if the database fails (nothing of {@code work} is committed)
     */
    default <T> T groupCommit(Function<DbExecute, T> work) {
        return transaction(work);
    }

    /**
     * A new unique id for a primary key: a version 7 UUID, whose leading 48 bits are the current time in epoch
     * milliseconds, so rows inserted together sit together in the key's index (a random UUID would touch, and write
     * back, one index page per row). The other 74 bits are random, but not from a secure source: never use it as a
     * secret.
     *
     * @return the id, 36 characters like any UUID
     */
    static String timeOrderedId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0xFFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /**
     * Applies the caller's schema migrations that have not run yet, in version order, each in its own transaction
     * together with its record in the host's migrations table, so a migration runs once per database.
     *
     * <p>{@code location} is a folder on the caller's class path (for a plugin, inside its jar) holding scripts named
     * {@code V<version>__<description>.sql}, for example {@code db/migration/V1__create_boards.sql}. A script named
     * {@code V<version>__<description>.sqlite.sql} or {@code .postgresql.sql} replaces the plain one on that
     * database. Statements are separated by a {@code ;} at the end of a line. A plugin calls this from
     * {@link GatewayPlugin#start(PluginContext)}; instances sharing a database apply each version once.
     *
     * @param location the folder of scripts, such as {@code db/migration}
     * @throws StoreException if a script fails: that migration changed nothing, and a plugin that lets the exception
     *     escape {@code start} is marked {@code FAILED} with its message
     */
    void migrate(String location);
}
