package com.mirogateway.platform.testkit.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import java.util.Map;
import org.pf4j.Extension;

/** Test plugin: claims {@code GET /api/boards/{boardId}} and answers which plugin served it. */
@Extension
public final class BoardsPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        context.routes()
                .get(
                        "/api/boards/{boardId}",
                        (req, res) -> res.send(Map.of(
                                "servedBy", "plugin",
                                "boardId", req.path().pathParameters().get("boardId"),
                                "tccl",
                                        String.valueOf(Thread.currentThread().getContextClassLoader()
                                                == getClass().getClassLoader()))));
    }
}
