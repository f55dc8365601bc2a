package com.mirogateway.platform.host.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * The connections behind the DbClient: a HikariCP pool. On SQLite the pool holds exactly one connection, so every
 * statement and transaction of the process is serialised through it (the single writer): our own threads can never
 * meet {@code SQLITE_BUSY}, and write transactions start with {@code BEGIN IMMEDIATE}.
 */
final class ConnectionPool implements JdbcConnectionPool, AutoCloseable {
    /** sqlite-jdbc's system property naming the folder it loads its native library from. */
    static final String LIB_PATH = "org.sqlite.lib.path";

    private final HikariDataSource dataSource;
    private final String dbType;
    /** SQLite's prepared statements, kept for reuse; PostgreSQL's driver keeps its own (prepareThreshold). */
    private final Optional<StatementCache> statements;

    private ConnectionPool(HikariDataSource dataSource, String dbType, Optional<StatementCache> statements) {
        this.dataSource = dataSource;
        this.dbType = dbType;
        this.statements = statements;
    }

    static ConnectionPool open(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("gateway-store");
        hikari.setConnectionTimeout(Math.max(250, config.connectTimeout().toMillis()));
        hikari.setInitializationFailTimeout(Math.max(1, config.connectTimeout().toMillis()));
        if (config.isSqlite()) {
            createParentFolder(config.url().substring("jdbc:sqlite:".length()))
                    .ifPresent(ConnectionPool::keepNativeLibrary);
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
            return new ConnectionPool(new HikariDataSource(hikari), "sqlite", Optional.of(new StatementCache()));
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
        return new ConnectionPool(new HikariDataSource(hikari), "postgresql", Optional.empty());
    }

    /** Creates the folder of a SQLite database file and returns it (empty for in-memory and {@code file:} URLs). */
    private static Optional<Path> createParentFolder(String file) {
        int query = file.indexOf('?');
        String path = query >= 0 ? file.substring(0, query) : file;
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return Optional.empty();
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of the SQLite database " + path, e);
        }
        return Optional.of(parent);
    }

    /**
     * Points sqlite-jdbc at one copy of its native library kept in {@code native/sqlite-jdbc-<version>/} beside the
     * database: otherwise the driver copies the library from its jar into a new temporary file and compares the two
     * byte by byte on every start (a JFR profile's largest single spot in the gateway's start). Does nothing when
     * {@code org.sqlite.lib.path} is set already (by the operator, or by an earlier store in this JVM) or when the
     * copy cannot be written: the driver then finds its library as usual.
     */
    private static void keepNativeLibrary(Path databaseFolder) {
        if (System.getProperty(LIB_PATH) != null) {
            return;
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        Path folder = databaseFolder.resolve("native").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion());
        Path library = folder.resolve(name);
        if (!Files.isRegularFile(library)) {
            String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
            try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return; // no library in the jar for this platform
                }
                Files.createDirectories(folder);
                Path partial = Files.createTempFile(folder, name, ".partial");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE); // never a half-written library
            } catch (IOException e) {
                return;
            }
        }
        System.setProperty(LIB_PATH, folder.toString());
        System.setProperty("org.sqlite.lib.name", name);
    }

    @Override
    public Connection connection() {
        try {
            Connection pooled = dataSource.getConnection();
            return statements.map(cache -> cache.wrap(pooled)).orElse(pooled);
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
        statements.ifPresent(StatementCache::close);
        dataSource.close();
    }
}
