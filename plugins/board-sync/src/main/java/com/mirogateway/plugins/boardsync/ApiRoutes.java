package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.MiroException;
import com.mirogateway.platform.api.PathFormat;
import com.mirogateway.platform.api.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gateway's own board routes under {@code /api}: Miro's JSON shapes and paging envelopes, served through the
 * read-through cache with {@code X-Cache} and {@code Age}; Miro's failures become problem responses (404 stays 404, a
 * rate limit with nothing cached is 503 with {@code Retry-After}).
 */
final class ApiRoutes {
    private final BoardReads reads;
    private final SyncRequests syncs;

    ApiRoutes(BoardReads reads, SyncRequests syncs) {
        this.reads = reads;
        this.syncs = syncs;
    }

    void register(Routes routes) {
        routes.get("/api/boards", (req, res) -> send(res, () -> reads.boards(ListQuery.boards(req.query()))));
        routes.get("/api/boards/{boardId}", (req, res) -> send(res, () -> reads.board(boardId(req))));
        routes.get(
                "/api/boards/{boardId}/items",
                (req, res) -> send(
                        res,
                        () -> reads.items(
                                boardId(req),
                                ListQuery.items(req.query()),
                                req.path().rawPath())));
        routes.get(
                "/api/boards/{boardId}/items/{itemId}",
                (req, res) -> send(res, () -> reads.item(boardId(req), PathFormat.ITEM_ID.require(req, "itemId"))));
        routes.post("/api/boards/{boardId}/sync", this::sync);
    }

    private void sync(ServerRequest req, ServerResponse res) {
        String boardId = boardId(req);
        String jobId = syncs.request(boardId, Optional.empty());
        String location = "/api/jobs/" + jobId;
        res.status(Status.ACCEPTED_202);
        res.header(HeaderNames.LOCATION, location);
        Responses.json(res, Map.of("jobId", jobId, "boardId", boardId, "location", location));
    }

    static String boardId(ServerRequest req) {
        return PathFormat.BOARD_ID.require(req, "boardId");
    }

    private static void send(ServerResponse res, Supplier<Cached> read) {
        Cached cached;
        try {
            cached = read.get();
        } catch (MiroException e) {
            throw e.toProblem();
        }
        Responses.send(res, cached);
    }
}
