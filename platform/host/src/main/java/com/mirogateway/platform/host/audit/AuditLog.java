package com.mirogateway.platform.host.audit;

import com.mirogateway.platform.api.Store;
import io.helidon.dbclient.DbRow;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit trail in the host store ({@code gateway_audit}, migration owner {@value #STORE_OWNER}). Writing an entry
 * never fails the change it records: a store error is logged instead, since the change has already happened.
 *
 * <p>Thread-safe (every call is one statement).
 */
public final class AuditLog {
    /** The owner name of the audit table's migrations. */
    public static final String STORE_OWNER = "host-audit";

    private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());
    private static final String MIGRATIONS = "com/mirogateway/platform/host/audit/migration";

    /** Orders entries of the same millisecond within this process; ids sort as entries were recorded. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Store store;

    private AuditLog(Store store) {
        this.store = store;
    }

    /**
     * Opens the trail, migrating its table.
     *
     * @param store the host store as seen by the owner {@value #STORE_OWNER}
     * @return the trail
     */
    public static AuditLog open(Store store) {
        store.migrate(MIGRATIONS);
        return new AuditLog(store);
    }

    /**
     * Records one change; the time is now.
     *
     * @param entry the change (its {@code at} is ignored)
     */
    public void record(AuditEntry entry) {
        long now = System.currentTimeMillis();
        try {
            store.db()
                    .execute()
                    .insert(
                            "INSERT INTO gateway_audit (id, at, actor, action, target, from_version, to_version, "
                                    + "digest, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            String.format("%013d-%012d-%s", now, SEQUENCE.incrementAndGet(), UUID.randomUUID()),
                            now,
                            entry.actor(),
                            entry.action(),
                            entry.target(),
                            entry.fromVersion(),
                            entry.toVersion(),
                            entry.digest(),
                            entry.outcome(),
                            entry.detail() != null && entry.detail().length() > 2000
                                    ? entry.detail().substring(0, 2000)
                                    : entry.detail());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Cannot record the audit entry " + entry, e);
        }
    }

    /**
     * The latest entries, newest first.
     *
     * @param limit how many at most
     * @return the entries
     */
    public List<AuditEntry> latest(int limit) {
        return store.db()
                .execute()
                .query("SELECT * FROM gateway_audit ORDER BY id DESC LIMIT ?", limit)
                .map(AuditLog::entry)
                .toList();
    }

    private static AuditEntry entry(DbRow row) {
        return new AuditEntry(
                Instant.ofEpochMilli(((Number) row.column("at").get()).longValue())
                        .toString(),
                text(row, "actor"),
                text(row, "action"),
                text(row, "target"),
                text(row, "from_version"),
                text(row, "to_version"),
                text(row, "digest"),
                text(row, "outcome"),
                text(row, "detail"));
    }

    private static String text(DbRow row, String column) {
        return row.column(column).asOptional().map(Object::toString).orElse(null);
    }
}
