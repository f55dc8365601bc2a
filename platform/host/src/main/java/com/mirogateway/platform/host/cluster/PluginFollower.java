package com.mirogateway.platform.host.cluster;

import com.mirogateway.platform.host.logging.LogContext;
import com.mirogateway.platform.host.plugins.PluginHost;
import com.mirogateway.platform.host.plugins.PluginStartException;
import io.helidon.dbclient.DbExecute;
import java.lang.System.Logger.Level;
import java.util.function.BiConsumer;

/**
 * Applies the plugin changes made through other gateways sharing the store: enables and disables (kind
 * {@value #STATES}, payload the plugin id) and installs, upgrades, rollbacks and removals (kind {@value #ARCHIVES},
 * payload the plugin id and the correlation id of the request that made the change).
 *
 * <p>Each change is applied on a virtual thread of its own, as a switch drains in-flight calls and must not hold up
 * the channel's receiver. The host serialises them and brings the plugin to what the store records now, so a late,
 * repeated or overtaken delivery changes nothing; nothing is audited or announced again here. A change that cannot be
 * applied here is logged with the originating request's correlation id and shown as the plugin's {@code
 * failureReason} in {@code GET /admin/plugins}; the gateway and the version it ran before go on.
 */
public final class PluginFollower {
    /** Changes of a plugin's enabled state. */
    public static final String STATES = "plugin-state";
    /** Changes of a plugin's kept archives. */
    public static final String ARCHIVES = "plugin-archive";

    private static final System.Logger LOG = System.getLogger(PluginFollower.class.getName());

    private PluginFollower() {}

    /**
     * The hook that announces a change of a plugin's archives, called in the transaction that made it.
     *
     * @param channel the change channel
     * @return the hook, taking the transaction and the plugin id
     */
    public static BiConsumer<DbExecute, String> announcer(ChangeChannel channel) {
        return (tx, pluginId) -> channel.publish(
                tx, ARCHIVES, pluginId + " " + LogContext.correlationId().orElse("-"));
    }

    /**
     * Starts applying the other gateways' plugin changes here.
     *
     * @param channel the change channel
     * @param plugins the plugin control plane
     */
    public static void follow(ChangeChannel channel, PluginHost plugins) {
        var unused = channel.subscribe(
                STATES, id -> Thread.ofVirtual().name("plugin-state-" + id).start(() -> plugins.applyStoredState(id)));
        unused = channel.subscribe(
                ARCHIVES,
                payload -> Thread.ofVirtual().name("plugin-archive").start(() -> applyArchive(plugins, payload)));
    }

    private static void applyArchive(PluginHost plugins, String payload) {
        String[] parts = payload.split(" ", 2);
        String id = parts[0];
        LogContext.set(parts.length > 1 ? parts[1] : "-");
        try {
            plugins.applyStoredArchive(id);
        } catch (PluginStartException e) {
            LOG.log(
                    Level.ERROR,
                    "Plugin ''{0}'': a change made through another gateway is not applied here: {1}",
                    id,
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Plugin '" + id + "': applying a change made through another gateway failed", e);
        } finally {
            LogContext.clear();
        }
    }
}
