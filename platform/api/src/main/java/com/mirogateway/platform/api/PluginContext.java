package com.mirogateway.platform.api;

import io.helidon.config.Config;
import io.helidon.dbclient.DbExecute;
import java.util.function.Consumer;

/**
 * A plugin's view of the host, handed to {@link GatewayPlugin#start(PluginContext)}.
 *
 * <p>Registrations made through the context belong to the plugin and are withdrawn by the host when the plugin stops.
 * Implementations are thread-safe.
 */
public interface PluginContext {

    /**
     * The plugin's id, as declared in its descriptor ({@code plugin.id}).
     *
     * @return the plugin id, never empty
     */
    String pluginId();

    /**
     * Claims HTTP routes for this plugin.
     *
     * @return the route registrar of this plugin
     */
    Routes routes();

    /**
     * Registers and looks up services shared between plugins.
     *
     * @return the service registry as seen by this plugin
     */
    Services services();

    /**
     * The durable job queue: register this plugin's job handlers (during {@code start}) and enqueue jobs.
     *
     * @return the job queue as seen by this plugin
     */
    Jobs jobs();

    /**
     * The gateway's database and this plugin's schema migrations ({@link Store#migrate(String)} reads scripts from the
     * plugin's own class path).
     *
     * @return the store as seen by this plugin
     */
    Store store();

    /**
     * The host's client of the Miro REST API (tokens, rate budget, retries and circuit breaker included), shared by
     * all plugins.
     *
     * @return the Miro client
     * @throws UnsupportedOperationException if this host offers no Miro client (only hosts built without one)
     */
    default MiroClient miro() {
        throw new UnsupportedOperationException("This host has no Miro client");
    }

    /**
     * Messages to and from this plugin's instances on the other gateways sharing the database.
     *
     * @return the plugin's message channel; on a host without one, a channel that sends and receives nothing
     */
    default ClusterMessages cluster() {
        return new ClusterMessages() {
            @Override
            public void publish(DbExecute transaction, String message) {}

            @Override
            public void publish(String message) {}

            @Override
            public void subscribe(Consumer<String> listener) {}
        };
    }

    /**
     * The plugin's own configuration section: {@code plugins.<plugin-id>} of the gateway configuration, or the section
     * the plugin names with {@link GatewayPlugin#configSection()}.
     *
     * @return the plugin's config node; a missing section is an empty node, never {@code null}
     */
    Config config();
}
