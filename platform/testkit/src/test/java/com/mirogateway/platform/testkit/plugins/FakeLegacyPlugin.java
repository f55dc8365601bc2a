package com.mirogateway.platform.testkit.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import org.pf4j.Extension;

/** Test plugin standing in for legacy-proxy: the fallback of {@code /api}, answering {@code legacy <path>}. */
@Extension
public final class FakeLegacyPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        context.routes()
                .fallback(
                        "/api",
                        (req, res) ->
                                res.send("legacy " + req.prologue().method().text() + " "
                                        + req.prologue().uriPath().rawPath()));
    }
}
