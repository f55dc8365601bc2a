package com.mirogateway.platform.testkit.jobs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database {@code gw_test_<random>} on the local PostgreSQL server (127.0.0.1:5432, user postgres, trust auth;
 * started by {@code .ci/services}), dropped on close. A missing server fails the test loudly; it is never skipped.
 */
record PostgresDatabase(String name) implements AutoCloseable {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    static PostgresDatabase create() {
        String name = "gw_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        return new PostgresDatabase(name);
    }

    String url() {
        return SERVER + name;
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
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
