package com.mirogateway.platform.api;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * The extension point every gateway plugin implements once (annotate the class with {@code @org.pf4j.Extension}).
 *
 * <p>The host calls {@link #start(PluginContext)} when the plugin is enabled (at startup or through the ops API) and
 * {@link #stop()} when it is disabled or the host shuts down. Both run on a host control thread, one plugin at a time,
 * with the plugin's class loader as the thread's context class loader. Everything the plugin registered through the
 * context (routes, services) is removed by the host after {@code stop()}; a plugin only releases resources of its own.
 * A plugin instance may be started again after it was stopped.
 */
public interface GatewayPlugin extends ExtensionPoint {

    /**
     * Registers the plugin's routes and services.
     *
     * <p>Called once per enable. A thrown exception marks the plugin {@code FAILED} with the exception's message as its
     * reason; the host keeps running and nothing the plugin registered during this call stays registered.
     *
     * @param context the plugin's view of the host; valid until {@link #stop()} returns
     */
    void start(PluginContext context);

    /**
     * Releases what the plugin holds. Called after the host removed the plugin's routes and its in-flight requests
     * finished (or the drain timeout passed). The default does nothing. A thrown exception is logged and ignored.
     */
    default void stop() {}

    /**
     * The configuration section {@link PluginContext#config()} hands this plugin, when it is not the default
     * {@code plugins.<plugin-id>}: a documented top-level node such as {@code legacy}. The host asks before each
     * {@link #start(PluginContext)}; a blank name fails the start.
     *
     * @return the section's key (dots separate levels), or empty for {@code plugins.<plugin-id>}
     */
    default Optional<String> configSection() {
        return Optional.empty();
    }
}
