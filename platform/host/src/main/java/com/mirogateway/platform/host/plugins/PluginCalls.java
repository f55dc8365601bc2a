package com.mirogateway.platform.host.plugins;

import java.util.concurrent.Callable;

/**
 * How host features outside this package (the job queue) call into one plugin: enter its in-flight gate, so a disable
 * waits for the call; run with its class loader as context class loader; exit.
 */
public final class PluginCalls {
    private final PluginRuntime owner;

    PluginCalls(PluginRuntime owner) {
        this.owner = owner;
    }

    /** The plugin's id. */
    public String pluginId() {
        return owner.id();
    }

    /** The plugin's class loader (its own jar holds its resources, such as migration scripts). */
    public ClassLoader classLoader() {
        return owner.classLoader();
    }

    /** Enters the plugin's gate; false if the plugin is stopping or stopped (do not call it then). */
    public boolean enter() {
        return owner.gate().tryEnter();
    }

    /** Leaves the gate; call once per successful {@link #enter()}. */
    public void exit() {
        owner.gate().exit();
    }

    /**
     * Runs a call with the plugin's context class loader; the caller has entered the gate.
     *
     * @param call the call into the plugin
     * @param <T> its result type
     * @return its result
     * @throws Exception whatever the call throws
     */
    public <T> T call(Callable<T> call) throws Exception {
        return owner.withContextClassLoader(call);
    }
}
