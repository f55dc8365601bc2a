package com.mirogateway.platform.host.store;

import io.helidon.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The two databases the store and queue contract tests run against: a fresh SQLite file, or a fresh database on the
 * local PostgreSQL server (127.0.0.1:5432, user postgres, trust auth; started by {@code .ci/services}). A missing
 * PostgreSQL server fails the test: it is never skipped.
 */
public final class Databases {
    /** The server the PostgreSQL tests use. */
    public static final String POSTGRES_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private Databases() {}

    /** A database for one test class; {@link #close()} drops it. */
    public interface TestDatabase extends AutoCloseable {
        /** The JDBC URL for {@code store.url}. */
        String url();

        /** The store configuration for it. */
        default StoreConfig config() {
            return StoreConfig.from(
                    Config.just(io.helidon.config.ConfigSources.create(Map.of("url", url(), "username", "postgres"))),
                    Path.of("."),
                    Map.of());
        }

        @Override
        void close();
    }

    /** A new SQLite file in a temporary folder. */
    public static TestDatabase sqlite() {
        try {
            Path dir = Files.createTempDirectory("store-test-");
            String url = "jdbc:sqlite:" + dir.resolve("gateway.db");
            return new TestDatabase() {
                @Override
                public String url() {
                    return url;
                }

                @Override
                public void close() {}
            };
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A new, empty PostgreSQL database {@code gw_test_<random>}; fails loudly when the server is not there. */
    public static TestDatabase postgres() {
        String name = "gw_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        String url = POSTGRES_SERVER + name;
        return new TestDatabase() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public void close() {
                admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        };
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_SERVER + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "The PostgreSQL tests need a server on 127.0.0.1:5432 (user postgres, trust auth);"
                            + " run .ci/services. Failed: " + sql + ": " + e.getMessage(),
                    e);
        }
    }
}
