package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.host.plugins.PluginCalls;
import java.util.concurrent.Callable;

/** A plugin as the owner of job handlers: its gate admits calls, its class loader runs them. */
record PluginOwner(PluginCalls plugin) implements JobOwner {
    @Override
    public String name() {
        return "plugin '" + plugin.pluginId() + "'";
    }

    @Override
    public boolean enter() {
        return plugin.enter();
    }

    @Override
    public void exit() {
        plugin.exit();
    }

    @Override
    public void run(Callable<Void> call) throws Exception {
        plugin.call(call);
    }
}
