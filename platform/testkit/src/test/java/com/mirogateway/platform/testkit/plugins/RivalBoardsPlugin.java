package com.mirogateway.platform.testkit.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import org.pf4j.Extension;

/** Test plugin claiming the same route shape as {@link BoardsPlugin}, with another parameter name. */
@Extension
public final class RivalBoardsPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        context.routes().get("/api/boards/{id}", (req, res) -> res.send("rival"));
        context.routes().get("/api/rival-only", (req, res) -> res.send("rival only"));
    }
}
