package com.mirogateway.platform.host.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Keeps SQLite's prepared statements for reuse: neither Helidon's DbClient, HikariCP nor sqlite-jdbc does, and
 * preparing (parsing and planning) cost SQLite about twice as much as running the statements of the webhook inbox,
 * the queue and the board cache (a JFR profile of {@code bench/webhooks}). {@link #wrap(Connection)} returns the pooled
 * connection with its {@code prepareStatement(String)} taking an idle statement of the same text, prepared earlier on
 * the same physical connection, and with that statement's {@code close()} resetting it and putting it back; at most
 * {@link #CAPACITY} idle statements, the least recently used finalised first. Statements are prepared on the physical
 * connection (HikariCP closes the statements of its own proxy when the connection goes back to the pool), so the
 * wrapper also takes over HikariCP's one safety net that depends on seeing them: a transaction left open by a failed
 * work or a failed {@code COMMIT} is rolled back when its connection is closed. Thread-safe.
 */
final class StatementCache implements AutoCloseable {
    /** Most idle statements kept: more than the distinct statement texts of the busy paths. */
    static final int CAPACITY = 128;

    private static final Set<String> EXECUTIONS =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");

    /** Calls that change a statement beyond its parameters: such a statement is finalised, not kept. */
    private static final Set<String> SETTINGS = Set.of(
            "addBatch",
            "closeOnCompletion",
            "setCursorName",
            "setEscapeProcessing",
            "setFetchDirection",
            "setFetchSize",
            "setLargeMaxRows",
            "setMaxRows",
            "setPoolable",
            "setQueryTimeout");

    private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(CAPACITY, 0.75f, true);
    private Connection physical;

    /** {@code pooled}, with its prepared statements taken from this cache and given back on close. */
    Connection wrap(Connection pooled) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, new Checkout(pooled));
    }

    private synchronized PreparedStatement take(Connection connection, String sql) throws SQLException {
        if (connection != physical) {
            clear(); // the pool replaced its connection: the old one's statements are gone with it
            physical = connection;
        }
        PreparedStatement statement = idle.remove(sql);
        return statement != null && !statement.isClosed() ? statement : connection.prepareStatement(sql);
    }

    private synchronized void giveBack(Connection connection, String sql, PreparedStatement statement) {
        if (connection != physical || idle.containsKey(sql)) {
            quietlyClose(statement); // an older connection's, or a second one of the same text (nested use)
            return;
        }
        idle.put(sql, statement);
        if (idle.size() > CAPACITY) {
            var eldest = idle.entrySet().iterator();
            quietlyClose(eldest.next().getValue());
            eldest.remove();
        }
    }

    private void clear() {
        idle.values().forEach(StatementCache::quietlyClose);
        idle.clear();
    }

    @Override
    public synchronized void close() {
        clear();
        physical = null;
    }

    private static void quietlyClose(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // finalising a statement cannot fail in a way that matters: its connection is closed or closing
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One checkout of the pooled connection. */
    private final class Checkout implements InvocationHandler {
        private final Connection pooled;
        private final Connection physical;
        /** A statement ran since the last commit or rollback. */
        private boolean dirty;

        Checkout(Connection pooled) {
            this.pooled = pooled;
            try {
                this.physical = pooled.unwrap(Connection.class);
            } catch (SQLException e) {
                throw new IllegalStateException("The pooled connection does not unwrap", e);
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("prepareStatement") && args.length == 1) {
                String sql = (String) args[0];
                return Proxy.newProxyInstance(
                        PreparedStatement.class.getClassLoader(),
                        new Class<?>[] {PreparedStatement.class},
                        new Lease((Connection) proxy, this, sql, take(physical, sql)));
            }
            if (name.equals("close") && dirty && !pooled.isClosed() && !pooled.getAutoCommit()) {
                try {
                    pooled.rollback();
                } finally {
                    pooled.close();
                }
                return null;
            }
            Object result = StatementCache.invoke(pooled, method, args);
            // Only once it succeeded: a failed COMMIT leaves the transaction open (a deferred constraint, a full disk).
            if (name.equals("commit") || name.equals("setAutoCommit") || (name.equals("rollback") && args == null)) {
                dirty = false;
            }
            return result;
        }
    }

    /** One use of a cached statement, until its {@code close()}. */
    private final class Lease implements InvocationHandler {
        private final Connection connection;
        private final Checkout checkout;
        private final String sql;
        private final PreparedStatement statement;
        private ResultSet results;
        private boolean closed;
        private boolean changed;

        Lease(Connection connection, Checkout checkout, String sql, PreparedStatement statement) {
            this.connection = connection;
            this.checkout = checkout;
            this.sql = sql;
            this.statement = statement;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close")) {
                if (!closed) {
                    closed = true;
                    giveBack();
                }
                return null;
            }
            if (name.equals("isClosed")) {
                return closed || statement.isClosed();
            }
            if (closed) {
                throw new SQLException("The statement is closed");
            }
            if (name.equals("getConnection")) {
                return connection;
            }
            if (EXECUTIONS.contains(name)) {
                checkout.dirty = true;
            } else if (SETTINGS.contains(name)) {
                changed = true;
            }
            Object result = StatementCache.invoke(statement, method, args);
            if (result instanceof ResultSet rows) {
                results = rows;
            }
            return result;
        }

        /** Resets the statement (closing its result set ends its read) and puts it back, or finalises it. */
        private void giveBack() throws SQLException {
            if (changed) {
                statement.close();
                return;
            }
            try {
                if (results != null) {
                    results.close();
                }
                statement.clearParameters();
            } catch (SQLException e) {
                quietlyClose(statement);
                throw e;
            }
            StatementCache.this.giveBack(checkout.physical, sql, statement);
        }
    }
}
