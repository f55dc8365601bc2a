package com.mirogateway.platform.testkit.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import org.pf4j.Extension;

/** Test plugin that claims a route and then throws from start(). */
@Extension
public final class ThrowingPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        context.routes().get("/api/boards/{boardId}", (req, res) -> res.send("must never serve"));
        throw new IllegalStateException("cannot reach its database");
    }
}
