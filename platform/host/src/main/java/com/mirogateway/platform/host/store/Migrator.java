package com.mirogateway.platform.host.store;

import com.mirogateway.platform.api.Store.Dialect;
import com.mirogateway.platform.api.StoreException;
import com.mirogateway.platform.host.store.MigrationScripts.Script;
import io.helidon.dbclient.DbExecute;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Applies migrations per owner, each script in one transaction with its row in {@code gateway_migrations}, so a script
 * runs once per database and a failing one leaves nothing behind (DDL is transactional on SQLite and PostgreSQL).
 * Gateways sharing PostgreSQL serialise per owner on an advisory lock; on SQLite the write transaction does.
 */
final class Migrator {
    private static final System.Logger LOG = System.getLogger(Migrator.class.getName());
    private static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS gateway_migrations ("
            + " owner VARCHAR(200) NOT NULL, version INTEGER NOT NULL, description VARCHAR(500) NOT NULL,"
            + " script VARCHAR(500) NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (owner, version))";

    private final HostStore store;

    Migrator(HostStore store) {
        this.store = store;
    }

    void migrate(String owner, ClassLoader classLoader, String location) {
        store.transaction(tx -> {
            if (store.dialect() == Dialect.POSTGRESQL) {
                tx.get("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('gateway_migrations'))) AS l");
            }
            return tx.dml(CREATE_TABLE);
        });
        List<Script> scripts = MigrationScripts.find(classLoader, location, store.dialect());
        for (Script script : scripts) {
            apply(owner, script);
        }
    }

    private void apply(String owner, Script script) {
        String where = "migration V" + script.version() + " (" + script.file() + ") of " + owner;
        try {
            boolean applied = store.transaction(tx -> {
                lock(tx, owner);
                if (tx.get(
                                "SELECT version FROM gateway_migrations WHERE owner = ? AND version = ?",
                                owner,
                                script.version())
                        .isPresent()) {
                    return false;
                }
                for (String statement : script.statements()) {
                    tx.dml(statement);
                }
                tx.insert(
                        "INSERT INTO gateway_migrations (owner, version, description, script, applied_at)"
                                + " VALUES (?, ?, ?, ?, " + store.nowMillis() + ")",
                        owner,
                        script.version(),
                        script.description(),
                        script.file());
                return true;
            });
            if (applied) {
                LOG.log(Level.INFO, "Applied " + where);
            }
        } catch (RuntimeException e) {
            throw new StoreException("The " + where + " failed and changed nothing: " + rootMessage(e), e);
        }
    }

    private void lock(DbExecute tx, String owner) {
        if (store.dialect() == Dialect.POSTGRESQL) {
            tx.get(
                    "SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS l",
                    "gateway_migrations:" + owner);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
