package com.mirogateway.platform.host.cluster;

import com.mirogateway.platform.host.store.HostStore;
import com.mirogateway.platform.host.store.StoreConfig;
import io.helidon.config.Config;
import io.helidon.webserver.http.HttpService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * This gateway as a member of its cluster: the change channel, its membership row and, on SQLite, the lock that keeps
 * the database to this one process.
 *
 * <p>{@link #lock} runs before the store opens; {@link #join} after the host's migrations, before anything publishes
 * or subscribes; {@link #close} after everything that publishes has stopped, before the store closes.
 */
public final class Cluster implements AutoCloseable {
    /** The owner name of this package's migrations in the store. */
    public static final String STORE_OWNER = "host-cluster";

    private static final String MIGRATIONS = "com/mirogateway/platform/host/cluster/migration";

    private final ChangeChannel channel;
    private final Membership membership;
    private final boolean sharedMiroBudget;

    private Cluster(ChangeChannel channel, Membership membership, boolean sharedMiroBudget) {
        this.channel = channel;
        this.membership = membership;
        this.sharedMiroBudget = sharedMiroBudget;
    }

    /**
     * On SQLite, takes the lock beside the database file; on PostgreSQL, nothing.
     *
     * @param store where the store is
     * @return the lock to close when the gateway stops, if one was taken
     * @throws ClusterException if another gateway uses the same SQLite database
     */
    public static Optional<AutoCloseable> lock(StoreConfig store) {
        Optional<Path> file = InstanceLock.sqliteFile(store.url());
        return file.map(InstanceLock::acquire);
    }

    /**
     * Migrates the cluster tables, writes this instance's membership row and starts receiving changes.
     *
     * @param config the whole configuration ({@code cluster})
     * @param store the open host store
     * @param storeConfig where the store is
     * @return this instance's membership
     * @throws IllegalArgumentException if the {@code cluster} section is unusable
     */
    public static Cluster join(Config config, HostStore store, StoreConfig storeConfig) {
        ClusterConfig cluster = ClusterConfig.from(config.get("cluster"));
        store.forOwner(STORE_OWNER, Cluster.class.getClassLoader()).migrate(MIGRATIONS);
        String host = hostName();
        String id = instanceId(host);
        ChangeChannel channel = ChangeChannel.open(store, storeConfig, cluster, id);
        try {
            return new Cluster(
                    channel,
                    Membership.join(store, cluster, channel.log(), id, host),
                    channel.shared() && cluster.sharedMiroBudget());
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The change channel. */
    public ChangeChannel channel() {
        return channel;
    }

    /** Whether other gateways may share the store (PostgreSQL); false on SQLite, one gateway per file. */
    public boolean shared() {
        return channel.shared();
    }

    /** Whether Miro's rate budget is counted in the store for every instance ({@code cluster.miro-budget}). */
    public boolean sharedMiroBudget() {
        return sharedMiroBudget;
    }

    /** {@code /admin/cluster}. */
    public HttpService admin() {
        return new ClusterAdminService(membership);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }

    private static String instanceId(String host) {
        String id = host + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        return id.length() > 64 ? id.substring(id.length() - 64) : id;
    }

    /** Stops receiving changes and removes this instance's membership row. */
    @Override
    public void close() {
        channel.close();
        membership.close();
    }
}
