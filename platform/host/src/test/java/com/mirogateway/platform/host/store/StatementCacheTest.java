package com.mirogateway.platform.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SQLite's prepared statements kept for reuse, on a real database file through the store's connections. */
class StatementCacheTest {
    private static final String COUNT = "SELECT COUNT(*) FROM notes WHERE note = ?";

    private Databases.TestDatabase database;
    private HostStore store;

    @BeforeEach
    void open() {
        database = Databases.sqlite();
        store = HostStore.open(database.config());
        store.db().execute().dml("CREATE TABLE notes (id INTEGER PRIMARY KEY, note VARCHAR(20))");
        for (int i = 1; i <= 3; i++) {
            store.db().execute().dml("INSERT INTO notes (id, note) VALUES (?, ?)", i, "n" + i);
        }
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    @Test
    void aStatementClosedIsTheOneTheNextCheckoutGets() {
        PreparedStatement first = store.withConnection(connection -> prepared(connection, COUNT));
        PreparedStatement second = store.withConnection(connection -> prepared(connection, COUNT));
        assertThat(second).isSameAs(first);
        PreparedStatement other = store.withConnection(connection -> prepared(connection, "SELECT 1"));
        assertThat(other).isNotSameAs(first);
    }

    @Test
    void aStatementInUseIsNotHandedOutTwice() {
        store.withConnection(connection -> {
            try (PreparedStatement outer = connection.prepareStatement("SELECT id FROM notes ORDER BY id");
                    ResultSet rows = outer.executeQuery()) {
                rows.next();
                try (PreparedStatement inner = connection.prepareStatement("SELECT id FROM notes ORDER BY id");
                        ResultSet again = inner.executeQuery()) {
                    assertThat(inner.unwrap(PreparedStatement.class))
                            .isNotSameAs(outer.unwrap(PreparedStatement.class));
                    again.next();
                    assertThat(again.getInt(1)).isEqualTo(1);
                }
                rows.next();
                assertThat(rows.getInt(1)).as("the outer query reads on").isEqualTo(2);
            }
            return null;
        });
    }

    @Test
    void parametersDoNotCarryOverToTheNextUse() {
        assertThat(count("n1")).isEqualTo(1);
        long unbound = store.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(COUNT);
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        assertThat(unbound)
                .as("an unset parameter is NULL, not the last use's 'n1'")
                .isZero();
    }

    @Test
    void closingTheStatementAloneEndsItsRead() throws SQLException {
        store.withConnection(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT id FROM notes");
            ResultSet rows = statement.executeQuery();
            rows.next(); // two rows left unread, and the result set not closed
            statement.close();
            return null;
        });
        // A read left open would pin the WAL: a truncating checkpoint from another connection would report it busy.
        String file = database.url().substring("jdbc:sqlite:".length());
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + Path.of(file));
                Statement statement = other.createStatement()) {
            statement.executeUpdate("INSERT INTO notes (id, note) VALUES (4, 'n4')");
            try (ResultSet checkpoint = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                checkpoint.next();
                assertThat(checkpoint.getInt(1)).as("busy").isZero();
            }
        }
        assertThat(count("n4")).isEqualTo(1);
    }

    @Test
    void aTransactionLeftOpenIsRolledBackWhenItsConnectionCloses() {
        store.withConnection(connection -> {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes (id, note) VALUES (?, ?)")) {
                insert.setInt(1, 9);
                insert.setString(2, "uncommitted");
                insert.executeUpdate();
            }
            return null; // neither committed nor rolled back
        });
        assertThat(count("uncommitted")).isZero();
    }

    @Test
    void aTransactionWhoseCommitFailedIsRolledBackWhenItsConnectionCloses() {
        store.db().execute().dml("CREATE TABLE parents (id INTEGER PRIMARY KEY)");
        store.db()
                .execute()
                .dml("CREATE TABLE children (parent INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)");
        assertThatThrownBy(() -> store.withConnection(connection -> {
                    connection.setAutoCommit(false);
                    try (PreparedStatement insert =
                            connection.prepareStatement("INSERT INTO notes (id, note) VALUES (9, 'doomed')")) {
                        insert.executeUpdate();
                    }
                    try (PreparedStatement orphan =
                            connection.prepareStatement("INSERT INTO children (parent) VALUES (42)")) {
                        orphan.executeUpdate();
                    }
                    connection.commit(); // the deferred foreign key fails here, and the transaction stays open
                    return null;
                }))
                .hasMessageContaining("FOREIGN KEY");
        assertThat(count("doomed")).isZero();
        store.transaction(tx -> tx.dml("INSERT INTO notes (id, note) VALUES (10, 'after')"));
        assertThat(count("after")).isEqualTo(1);
    }

    @Test
    void aStatementWithChangedSettingsIsNotKept() {
        PreparedStatement changed = store.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(COUNT)) {
                statement.setMaxRows(1);
                return statement.unwrap(PreparedStatement.class);
            }
        });
        PreparedStatement next = store.withConnection(connection -> prepared(connection, COUNT));
        assertThat(next).isNotSameAs(changed);
    }

    @Test
    void aClosedStatementRefusesFurtherUse() {
        store.withConnection(connection -> {
            PreparedStatement statement = connection.prepareStatement(COUNT);
            statement.close();
            statement.close(); // twice is harmless
            assertThat(statement.isClosed()).isTrue();
            assertThatThrownBy(statement::executeQuery)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("closed");
            return null;
        });
    }

    /** Prepares {@code sql}, closes it, and returns the driver's statement behind it. */
    private static PreparedStatement prepared(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            return statement.unwrap(PreparedStatement.class);
        }
    }

    private long count(String note) {
        return store.db()
                .execute()
                .get(COUNT, note)
                .map(row -> row.column(1).as(Number.class).get().longValue())
                .orElseThrow();
    }
}
