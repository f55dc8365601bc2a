package com.mirogateway.platform.host;

import com.mirogateway.platform.api.ClusterMessages;
import com.mirogateway.platform.api.MiroClient;
import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.host.cluster.ChangeChannel;
import com.mirogateway.platform.host.cluster.Cluster;
import com.mirogateway.platform.host.cluster.PluginFollower;
import com.mirogateway.platform.host.cluster.PluginMessages;
import com.mirogateway.platform.host.jobs.JobQueue;
import com.mirogateway.platform.host.jobs.JobStatusService;
import com.mirogateway.platform.host.jobs.JobsAdminService;
import com.mirogateway.platform.host.jobs.JobsConfig;
import com.mirogateway.platform.host.miro.HostMiroClient;
import com.mirogateway.platform.host.miro.MiroConfig;
import com.mirogateway.platform.host.plugins.PluginCalls;
import com.mirogateway.platform.host.plugins.PluginFacilities;
import com.mirogateway.platform.host.store.HostStore;
import com.mirogateway.platform.host.store.StoreConfig;
import com.mirogateway.platform.host.store.StoreHealthCheck;
import io.helidon.config.Config;
import io.helidon.dbclient.DbExecute;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.HttpService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store, the job queue and the Miro client of one gateway, opened before the plugins (the host's migrations
 * first) and lent to them; their health check and HTTP services for the server. Closed in two steps around the
 * plugins' stop: the workers first (so running jobs finish or are released while their plugins still run), the store
 * last.
 */
final class HostFacilities implements PluginFacilities, AutoCloseable {
    /** The change kind that wakes idle job workers on other instances after an enqueue. */
    private static final String JOBS_WAKE_UP = "jobs";

    private final Optional<AutoCloseable> lock;
    private final HostStore store;
    private final Cluster cluster;
    private final JobQueue queue;
    private final HostMiroClient miro;

    private HostFacilities(
            Optional<AutoCloseable> lock, HostStore store, Cluster cluster, JobQueue queue, HostMiroClient miro) {
        this.lock = lock;
        this.store = store;
        this.cluster = cluster;
        this.queue = queue;
        this.miro = miro;
    }

    /**
     * Takes the SQLite lock, opens the store (applying the host's migrations), joins the cluster, creates the Miro
     * client and the queue; throws on failure, with whatever was opened closed again.
     */
    static HostFacilities open(Config config, Path dataDir) {
        StoreConfig storeConfig = StoreConfig.from(config.get("store"), dataDir, System.getenv());
        Optional<AutoCloseable> lock = Cluster.lock(storeConfig); // a second gateway on a SQLite file stops here
        List<AutoCloseable> opened = new ArrayList<>();
        lock.ifPresent(opened::add);
        try {
            HostStore store = HostStore.open(storeConfig);
            opened.add(0, store);
            Cluster cluster = Cluster.join(config, store, storeConfig);
            opened.add(0, cluster);
            boolean sharedBudget = cluster.sharedMiroBudget();
            HostMiroClient miro = HostMiroClient.create(
                    MiroConfig.from(config.get("miro")), store, System.getenv(), Clock.systemUTC(), sharedBudget);
            opened.add(0, miro);
            ChangeChannel channel = cluster.channel();
            JobQueue queue =
                    JobQueue.create(store, JobsConfig.from(config.get("jobs")), tx -> channel.wakeUp(tx, JOBS_WAKE_UP));
            var unused = channel.subscribe(JOBS_WAKE_UP, payload -> queue.wake());
            return new HostFacilities(lock, store, cluster, queue, miro);
        } catch (RuntimeException e) {
            opened.forEach(HostFacilities::closeQuietly);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // the failure being thrown is what matters
        }
    }

    /** This gateway's cluster membership and change channel. */
    Cluster cluster() {
        return cluster;
    }

    HostStore store() {
        return store;
    }

    JobQueue queue() {
        return queue;
    }

    @Override
    public Store store(PluginCalls plugin) {
        return store.forOwner(plugin.pluginId(), plugin.classLoader());
    }

    @Override
    public PluginJobs jobs(PluginCalls plugin) {
        return queue.forPlugin(plugin);
    }

    @Override
    public void pluginStateChanged(DbExecute transaction, String pluginId) {
        cluster.channel().publish(transaction, PluginFollower.STATES, pluginId);
    }

    @Override
    public ClusterMessages messages(PluginCalls plugin) {
        return new PluginMessages(cluster.channel(), plugin);
    }

    @Override
    public MiroClient miro() {
        return miro;
    }

    HealthCheck healthCheck() {
        return new StoreHealthCheck(store);
    }

    HttpService jobStatus() {
        return new JobStatusService(queue);
    }

    HttpService jobsAdmin() {
        return new JobsAdminService(queue);
    }

    /** Stops claiming, lets running jobs finish within the grace period and releases the rest. */
    void stopWorkers() {
        queue.close();
    }

    @Override
    public void close() {
        queue.close();
        miro.close();
        cluster.close();
        store.close();
        lock.ifPresent(HostFacilities::closeQuietly);
    }
}
