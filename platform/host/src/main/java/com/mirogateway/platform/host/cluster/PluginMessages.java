package com.mirogateway.platform.host.cluster;

import com.mirogateway.platform.api.ClusterMessages;
import com.mirogateway.platform.host.plugins.PluginCalls;
import io.helidon.dbclient.DbExecute;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * The change channel as one plugin sees it ({@link ClusterMessages}): changes of kind {@code plugin:<id>}, delivered
 * through the plugin's in-flight gate with its class loader, so nothing reaches a stopped plugin. One listener per
 * plugin id, across its starts: a new start's subscription replaces the last one.
 */
public final class PluginMessages implements ClusterMessages {
    private static final System.Logger LOG = System.getLogger(PluginMessages.class.getName());

    private final ChangeChannel channel;
    private final PluginCalls plugin;
    private final String kind;

    /**
     * The plugin's view for one start.
     *
     * @param channel the host's change channel
     * @param plugin the plugin's calls
     */
    public PluginMessages(ChangeChannel channel, PluginCalls plugin) {
        this.channel = channel;
        this.plugin = plugin;
        this.kind = "plugin:" + plugin.pluginId();
    }

    @Override
    public void publish(DbExecute transaction, String message) {
        channel.publish(transaction, kind, message);
    }

    @Override
    public void publish(String message) {
        channel.publish(kind, message);
    }

    @Override
    public void subscribe(Consumer<String> listener) {
        channel.subscribeAlone(kind, message -> deliver(listener, message));
    }

    private void deliver(Consumer<String> listener, String message) {
        if (!plugin.enter()) {
            return; // stopped or stopping: it reloads what it needs at its next start
        }
        try {
            plugin.call(() -> {
                listener.accept(message);
                return null;
            });
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Plugin ''" + plugin.pluginId() + "'' failed on a cluster message", e);
        } finally {
            plugin.exit();
        }
    }
}
