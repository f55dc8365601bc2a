package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.api.ClusterMessages;
import com.mirogateway.platform.api.Jobs;
import com.mirogateway.platform.api.MiroClient;
import com.mirogateway.platform.api.Store;
import io.helidon.dbclient.DbExecute;

/**
 * What the host lends a plugin besides routes and services: the store, the job queue and the Miro client.
 * Implemented where those live and handed to {@link PluginHost}, so this package does not depend on them.
 */
public interface PluginFacilities {

    /**
     * The store as the plugin sees it.
     *
     * @param plugin the plugin
     * @return its view of the store
     */
    Store store(PluginCalls plugin);

    /**
     * A fresh job-queue view for one start of the plugin.
     *
     * @param plugin the plugin
     * @return its view, collecting handlers until {@link PluginJobs#activate()}
     */
    PluginJobs jobs(PluginCalls plugin);

    /**
     * The host's Miro client, shared by all plugins.
     *
     * @return the client
     */
    MiroClient miro();

    /**
     * The plugin's messages to its instances on other gateways sharing the store.
     *
     * @param plugin the plugin
     * @return its message channel
     */
    ClusterMessages messages(PluginCalls plugin);

    /**
     * Tells the other gateways sharing the store that a plugin's enabled state changed, in the transaction that
     * recorded it.
     *
     * @param transaction the open transaction
     * @param pluginId the plugin
     */
    void pluginStateChanged(DbExecute transaction, String pluginId);

    /** One start's job-queue view: handlers registered during {@code start()} go live together. */
    interface PluginJobs extends Jobs {
        /**
         * Publishes the handlers registered during {@code start()}; from now on the queue delivers their jobs.
         *
         * @throws IllegalStateException if another started plugin handles one of the types (none is published)
         */
        void activate();

        /** Withdraws the handlers: no new job of their types starts here; running ones finish. Idempotent. */
        void deactivate();
    }
}
