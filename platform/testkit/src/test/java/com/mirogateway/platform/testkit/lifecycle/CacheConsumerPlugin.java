package com.mirogateway.platform.testkit.lifecycle;

import com.mirogateway.platform.api.BoardCache;
import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import org.pf4j.Extension;

/**
 * Test plugin using another plugin's service the way webhooks uses board-sync's: it looks {@link BoardCache} up once
 * and keeps the proxy. {@code GET /api/consumer/{key}} calls {@code boardChanged(key)} through it.
 */
@Extension
public final class CacheConsumerPlugin implements GatewayPlugin {
    private volatile BoardCache cache;

    @Override
    public void start(PluginContext context) {
        context.routes().get("/api/consumer/{key}", (req, res) -> {
            if (cache == null) {
                cache = context.services().find(BoardCache.class).orElseThrow();
            }
            cache.boardChanged(req.path().pathParameters().get("key"));
            res.send("called");
        });
    }
}
