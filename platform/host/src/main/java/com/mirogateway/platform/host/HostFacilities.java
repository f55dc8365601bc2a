package com.mirogateway.platform.host;

import com.mirogateway.platform.api.MiroClient;
import com.mirogateway.platform.api.Store;
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
import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.HttpService;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The store, the job queue and the Miro client of one gateway, opened before the plugins (the host's migrations
 * first) and lent to them; their health check and HTTP services for the server. Closed in two steps around the
 * plugins' stop: the workers first (so running jobs finish or are released while their plugins still run), the store
 * last.
 */
final class HostFacilities implements PluginFacilities, AutoCloseable {
    private final HostStore store;
    private final JobQueue queue;
    private final HostMiroClient miro;

    private HostFacilities(HostStore store, JobQueue queue, HostMiroClient miro) {
        this.store = store;
        this.queue = queue;
        this.miro = miro;
    }

    /** Opens the store (applying the host's migrations), creates the Miro client and the queue; throws on failure. */
    static HostFacilities open(Config config, Path dataDir) {
        HostStore store = HostStore.open(StoreConfig.from(config.get("store"), dataDir, System.getenv()));
        try {
            HostMiroClient miro = HostMiroClient.create(
                    MiroConfig.from(config.get("miro")), store, System.getenv(), Clock.systemUTC());
            try {
                return new HostFacilities(store, JobQueue.create(store, JobsConfig.from(config.get("jobs"))), miro);
            } catch (RuntimeException e) {
                miro.close();
                throw e;
            }
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
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
        store.close();
    }
}
