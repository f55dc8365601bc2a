package com.mirogateway.plugins.legacyproxy.testplugins;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import org.pf4j.Extension;

/** A migrated feature: claims {@code GET /api/boards/{boardId}} and says it served it. */
@Extension
public final class BoardsTestPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        context.routes()
                .get(
                        "/api/boards/{boardId}",
                        (req, res) ->
                                res.send("plugin " + req.path().pathParameters().get("boardId")));
    }
}
