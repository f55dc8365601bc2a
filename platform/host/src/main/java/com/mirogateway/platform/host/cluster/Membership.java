package com.mirogateway.platform.host.cluster;

import com.mirogateway.platform.host.plugins.PlatformVersion;
import com.mirogateway.platform.host.store.HostStore;
import io.helidon.dbclient.DbRow;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * This instance's row in {@code gateway_instances}: written at start, its heartbeat renewed every
 * {@code cluster.heartbeat-interval} (the same timer prunes changes older than {@code cluster.keep-changes}), removed
 * at a clean stop. An instance that died keeps its row, listed as {@code gone} once its heartbeat is older than
 * {@code cluster.gone-after}; rows gone for a day are deleted.
 */
final class Membership implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Membership.class.getName());
    private static final long FORGET_AFTER_MILLIS = 86_400_000L;

    private final HostStore store;
    private final ClusterConfig config;
    private final ChangeLog changes;
    private final Instance self;
    private final ScheduledExecutorService timer;

    /** One member as stored; {@code up} is decided with the database clock. */
    record Instance(String id, String host, String version, long startedAt, long heartbeatAt, boolean up) {}

    private Membership(HostStore store, ClusterConfig config, ChangeLog changes, Instance self) {
        this.store = store;
        this.config = config;
        this.changes = changes;
        this.self = self;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("cluster-heartbeat").factory());
    }

    static Membership join(HostStore store, ClusterConfig config, ChangeLog changes, String id, String host) {
        String version = PlatformVersion.current().version();
        Membership membership = new Membership(store, config, changes, new Instance(id, host, version, 0, 0, true));
        store.db()
                .execute()
                .dml(
                        "INSERT INTO gateway_instances (id, host, version, started_at, heartbeat_at) VALUES (?, ?, ?, "
                                + store.nowMillis() + ", " + store.nowMillis() + ")",
                        id,
                        host,
                        version);
        long every = config.heartbeatInterval().toMillis();
        var unused = membership.timer.scheduleWithFixedDelay(membership::beat, every, every, TimeUnit.MILLISECONDS);
        return membership;
    }

    /** Every member known, oldest first. */
    List<Instance> instances() {
        String now = store.nowMillis();
        try (Stream<DbRow> rows = store.db()
                .execute()
                .query(
                        "SELECT id, host, version, started_at, heartbeat_at, CASE WHEN heartbeat_at >= " + now
                                + " - ? THEN 1 ELSE 0 END AS up FROM gateway_instances ORDER BY started_at, id",
                        config.goneAfter().toMillis())) {
            return rows.map(row -> new Instance(
                            row.column("id").getString(),
                            row.column("host").getString(),
                            row.column("version").getString(),
                            number(row, "started_at"),
                            number(row, "heartbeat_at"),
                            number(row, "up") == 1))
                    .toList();
        }
    }

    private void beat() {
        try {
            String now = store.nowMillis();
            long updated = store.db()
                    .execute()
                    .dml("UPDATE gateway_instances SET heartbeat_at = " + now + " WHERE id = ?", self.id());
            if (updated == 0) { // deleted as long gone (this process was stopped for a day): join again
                store.db()
                        .execute()
                        .dml(
                                "INSERT INTO gateway_instances (id, host, version, started_at, heartbeat_at)"
                                        + " VALUES (?, ?, ?, " + now + ", " + now + ")",
                                self.id(),
                                self.host(),
                                self.version());
            }
            store.db()
                    .execute()
                    .dml("DELETE FROM gateway_instances WHERE heartbeat_at < " + now + " - ?", FORGET_AFTER_MILLIS);
            changes.prune(config.keepChanges().toMillis());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster heartbeat failed; trying again next interval: " + e.getMessage());
        }
    }

    private static long number(DbRow row, String column) {
        return ((Number) row.column(column).get()).longValue();
    }

    /** Stops the heartbeat and removes this instance's row. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            store.db().execute().dml("DELETE FROM gateway_instances WHERE id = ?", self.id());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove this instance from gateway_instances: " + e.getMessage());
        }
    }
}
