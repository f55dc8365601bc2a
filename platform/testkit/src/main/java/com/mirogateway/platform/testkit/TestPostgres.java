package com.mirogateway.platform.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh database {@code gw_test_<random>} on the local PostgreSQL server (127.0.0.1:5432, user {@code postgres},
 * trust auth; started by {@code .ci/services}), dropped on {@link #close()}. A missing server fails the test loudly; it
 * is never skipped. Point a {@link TestGateway} at it with {@code .config("store.url", database.url())} and
 * {@code .config("store.username", "postgres")}. Registered as a static JUnit extension before the gateway, it is
 * dropped after the class's tests, once the gateway has stopped.
 */
public final class TestPostgres implements AutoCloseable, AfterAllCallback {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final String name;

    private TestPostgres(String name) {
        this.name = name;
    }

    /**
     * Creates a fresh, empty database.
     *
     * @return the database
     * @throws IllegalStateException if the server is not reachable, saying how to start it
     */
    public static TestPostgres create() {
        String name = "gw_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        return new TestPostgres(name);
    }

    /**
     * The database's JDBC URL, without credentials.
     *
     * @return {@code jdbc:postgresql://127.0.0.1:5432/gw_test_…}
     */
    public String url() {
        return SERVER + name;
    }

    /** Drops the database, closing the connections still open to it. */
    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /**
     * Drops the database after the test class.
     *
     * @param context the test class's context
     */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "These tests need PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth);"
                            + " run .ci/services. Failed: " + sql + ": " + e.getMessage(),
                    e);
        }
    }
}
