package com.mirogateway.platform.testkit.lifecycle;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import org.pf4j.Extension;

/** Test plugin: claims the lifecycle route, then fails its start, as a broken new version would. */
@Extension
public final class FailingStartPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        context.routes().get("/api/lifecycle/version", (req, res) -> res.send("broken"));
        throw new IllegalStateException("the schema this version expects is missing");
    }
}
