package com.mirogateway.plugins.boardsync.testplugins;

import com.mirogateway.platform.api.BoardCache;
import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import io.helidon.http.Status;
import org.pf4j.Extension;

/**
 * Plays the webhooks plugin: applies item events to the board cache through the {@link BoardCache} service, exposed as
 * {@code POST /api/test-events/{boardId}/items} (body: the item; 204 stored, 409 older than the cached copy),
 * {@code DELETE …/items/{itemId}} and {@code POST /api/test-events/{boardId}/changed}.
 */
@Extension
public final class CacheEventsPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        context.routes().post("/api/test-events/{boardId}/items", (req, res) -> {
            boolean stored = cache(context)
                    .itemChanged(
                            req.path().pathParameters().get("boardId"),
                            req.content().as(String.class));
            res.status(stored ? Status.NO_CONTENT_204 : Status.CONFLICT_409).send();
        });
        context.routes().delete("/api/test-events/{boardId}/items/{itemId}", (req, res) -> {
            cache(context)
                    .itemDeleted(
                            req.path().pathParameters().get("boardId"),
                            req.path().pathParameters().get("itemId"));
            res.status(Status.NO_CONTENT_204).send();
        });
        context.routes().post("/api/test-events/{boardId}/changed", (req, res) -> {
            cache(context).boardChanged(req.path().pathParameters().get("boardId"));
            res.status(Status.NO_CONTENT_204).send();
        });
    }

    private static BoardCache cache(PluginContext context) {
        return context.services().find(BoardCache.class).orElseThrow();
    }
}
