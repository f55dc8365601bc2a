package com.mirogateway.plugins.boardsync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.api.MiroClient;
import com.mirogateway.platform.api.MiroRequest;
import com.mirogateway.platform.api.MiroResponse;
import io.helidon.http.Method;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes to a board's items, passed through to Miro; the cache and the board's replica are updated from Miro's
 * answer, never from the request: a created or changed item is stored as Miro returned it, a deleted one removed, and
 * the board's cached lists are marked stale so the next list read asks Miro (or, for a synced board, shows the change
 * from the replica). Writes are never retried (one could apply twice). Thread-safe.
 */
final class ItemWrites {
    private static final System.Logger LOG = System.getLogger(ItemWrites.class.getName());

    private final MiroClient miro;
    private final BoardChanges changes;

    ItemWrites(MiroClient miro, BoardChanges changes) {
        this.miro = miro;
        this.changes = changes;
    }

    /**
     * Sends a write to Miro and applies its answer to the cache.
     *
     * @param method POST, PATCH or DELETE
     * @param boardId the board
     * @param itemId the item a PATCH or DELETE changes; empty for a create
     * @param body the JSON body, if any
     * @param segments the Miro path's segments
     * @return Miro's (successful) answer
     * @throws com.mirogateway.platform.api.MiroException if Miro refused or failed
     */
    MiroResponse write(
            Method method, String boardId, Optional<String> itemId, Optional<String> body, String... segments) {
        MiroRequest.Builder request = MiroRequest.builder(method, segments);
        body.ifPresent(request::json);
        MiroResponse response = miro.send(request.build());
        if (method.equals(Method.DELETE) && itemId.isPresent()) {
            changes.itemDeleted(boardId, itemId.get());
        } else {
            changes.itemsWritten(boardId, items(response));
        }
        return response;
    }

    /** The items in a write's answer: one item, or a bulk create's {@code data}; none if it holds no item. */
    private static List<MiroJson.Item> items(MiroResponse response) {
        List<MiroJson.Item> items = new ArrayList<>();
        try {
            JsonNode json = MiroJson.parse(response.text());
            if (json.has("data") && json.get("data").isArray()) {
                for (JsonNode item : json.get("data")) {
                    items.add(MiroJson.item(item));
                }
            } else if (json.has("id")) {
                items.add(MiroJson.item(json));
            }
        } catch (IllegalArgumentException e) {
            LOG.log(Level.DEBUG, "Miro''s answer to a write holds no item to cache: {0}", e.getMessage());
        }
        return items;
    }
}
