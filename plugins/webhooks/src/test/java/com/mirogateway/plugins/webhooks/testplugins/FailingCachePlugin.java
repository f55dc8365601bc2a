package com.mirogateway.plugins.webhooks.testplugins;

import com.mirogateway.platform.api.BoardCache;
import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import org.pf4j.Extension;

/**
 * Stands in for board-sync with a {@link BoardCache} that fails: an item whose JSON contains {@code explode} fails
 * every time (as a database outage would), one containing {@code refuse} is refused as malformed.
 */
@Extension
public final class FailingCachePlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        context.services().register(BoardCache.class, new BoardCache() {
            @Override
            public boolean itemChanged(String boardId, String itemJson) {
                if (itemJson.contains("refuse")) {
                    throw new IllegalArgumentException("An item needs a type");
                }
                throw new IllegalStateException("the cache's database is down");
            }

            @Override
            public void itemDeleted(String boardId, String itemId) {
                throw new IllegalStateException("the cache's database is down");
            }

            @Override
            public void boardChanged(String boardId) {
                throw new IllegalStateException("the cache's database is down");
            }
        });
    }
}
