package com.mirogateway.platform.host.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connections behind the DbClient: a HikariCP pool. On SQLite the pool holds exactly one connection, so every
 * statement and transaction of the process is serialised through it (the single writer): our own threads can never
 * meet {@code SQLITE_BUSY}, and write transactions start with {@code BEGIN IMMEDIATE}.
 */
final class ConnectionPool implements JdbcConnectionPool, AutoCloseable {
    private final HikariDataSource dataSource;
    private final String dbType;

    private ConnectionPool(HikariDataSource dataSource, String dbType) {
        this.dataSource = dataSource;
        this.dbType = dbType;
    }

    static ConnectionPool open(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("gateway-store");
        hikari.setConnectionTimeout(Math.max(250, config.connectTimeout().toMillis()));
        hikari.setInitializationFailTimeout(Math.max(1, config.connectTimeout().toMillis()));
        if (config.isSqlite()) {
            createParentFolder(config.url().substring("jdbc:sqlite:".length()));
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setSynchronous(
                    SQLiteConfig.SynchronousMode.valueOf(config.synchronous().toUpperCase(Locale.ROOT)));
            sqlite.setBusyTimeout((int) config.busyTimeout().toMillis());
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            sqlite.enforceForeignKeys(true);
            sqlite.setPragma(SQLiteConfig.Pragma.JOURNAL_SIZE_LIMIT, Long.toString(config.journalSizeLimit()));
            // 32 MB of page cache instead of SQLite's 2 MB: the indexes of busy tables (the queue, the webhooks inbox)
            // stay in memory instead of being read back from the WAL for each insert (docs/decisions.md).
            sqlite.setPragma(SQLiteConfig.Pragma.CACHE_SIZE, "-32768");
            SQLiteDataSource source = new SQLiteDataSource(sqlite);
            source.setUrl(config.url());
            hikari.setDataSource(source);
            hikari.setMaximumPoolSize(1);
            hikari.setMinimumIdle(1);
            return new ConnectionPool(new HikariDataSource(hikari), "sqlite");
        }
        hikari.setJdbcUrl(config.url());
        hikari.setDriverClassName("org.postgresql.Driver");
        if (!config.username().isBlank()) {
            hikari.setUsername(config.username());
        }
        config.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(Math.max(1, config.poolSize()));
        hikari.setMinimumIdle(1);
        // A transaction left open must never hold back vacuum for the jobs table (long xmin horizons bloat queues).
        hikari.addDataSourceProperty("options", "-c idle_in_transaction_session_timeout=60000");
        return new ConnectionPool(new HikariDataSource(hikari), "postgresql");
    }

    private static void createParentFolder(String file) {
        int query = file.indexOf('?');
        String path = query >= 0 ? file.substring(0, query) : file;
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create the folder of the SQLite database " + path, e);
        }
    }

    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("No database connection: " + e.getMessage(), e);
        }
    }

    @Override
    public String dbType() {
        return dbType;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
