package com.mirogateway.platform.testkit.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.MiroRequest;
import com.mirogateway.platform.api.PluginContext;
import org.pf4j.Extension;

/** Test plugin whose handler calls Miro and lets every {@code MiroException} escape to the host. */
@Extension
public final class MiroPassThroughPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        context.routes().get("/api/raw-boards/{boardId}", (req, res) -> {
            String boardId = req.path().pathParameters().get("boardId");
            res.send(context.miro()
                    .send(MiroRequest.get("v2", "boards", boardId).build())
                    .body());
        });
    }
}
