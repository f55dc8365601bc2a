package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.MiroErrorException;
import com.mirogateway.platform.api.MiroException;
import com.mirogateway.platform.api.MiroRateLimitedException;
import com.mirogateway.platform.api.MiroResponse;
import com.mirogateway.platform.api.PathFormat;
import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.api.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Miro's own paths at the gateway's root, {@code /v2/boards…}, so Miro's official clients (such as
 * {@code @mirohq/miro-api}, whose base path is the gateway's root URL) work unchanged: reads come from the cache,
 * writes on a board's items pass through to Miro and update the cache from Miro's answer.
 *
 * <p>Errors come back in Miro's shape, {@code {status, code, message, type: "error"}}: Miro's own error bodies pass
 * through unchanged; the gateway's (a malformed id, Miro unreachable, the rate limit) are written in that shape with
 * the same statuses as under {@code /api}, except that a spent rate budget is Miro's 429 {@code tooManyRequests}.
 */
final class MiroSurface {
    /** The {@code /v2/boards/{id}/{type}} collections whose items can be created, read, changed and deleted. */
    static final Set<String> ITEM_COLLECTIONS =
            Set.of("sticky_notes", "texts", "shapes", "cards", "app_cards", "frames", "images", "documents", "embeds");

    private final BoardReads reads;
    private final ItemWrites writes;

    MiroSurface(BoardReads reads, ItemWrites writes) {
        this.reads = reads;
        this.writes = writes;
    }

    void register(Routes routes) {
        routes.get("/v2/boards", miro((req, res) -> Responses.send(res, reads.boards(ListQuery.boards(req.query())))));
        routes.get("/v2/boards/{boardId}", miro((req, res) -> Responses.send(res, reads.board(boardId(req)))));
        routes.get(
                "/v2/boards/{boardId}/items",
                miro((req, res) -> Responses.send(
                        res,
                        reads.items(
                                boardId(req),
                                ListQuery.items(req.query()),
                                req.path().rawPath()))));
        routes.get(
                "/v2/boards/{boardId}/items/{itemId}",
                miro((req, res) -> Responses.send(res, reads.item(boardId(req), itemId(req)))));
        routes.get(
                "/v2/boards/{boardId}/{type}/{itemId}",
                miro((req, res) -> Responses.send(res, reads.typedItem(boardId(req), type(req), itemId(req)))));
        routes.post("/v2/boards/{boardId}/items/bulk", miro((req, res) -> {
            String boardId = boardId(req);
            pass(
                    res,
                    writes.write(
                            Method.POST,
                            boardId,
                            Optional.empty(),
                            body(req),
                            "v2",
                            "boards",
                            boardId,
                            "items",
                            "bulk"));
        }));
        routes.post("/v2/boards/{boardId}/{type}", miro((req, res) -> {
            String boardId = boardId(req);
            String type = type(req);
            pass(res, writes.write(Method.POST, boardId, Optional.empty(), body(req), "v2", "boards", boardId, type));
        }));
        for (Method method : new Method[] {Method.PATCH, Method.DELETE}) {
            routes.claim(
                    method,
                    "/v2/boards/{boardId}/items/{itemId}",
                    miro((req, res) -> writeItem(method, req, res, r -> "items")));
            routes.claim(
                    method,
                    "/v2/boards/{boardId}/{type}/{itemId}",
                    miro((req, res) -> writeItem(method, req, res, MiroSurface::type)));
        }
    }

    /** PATCH or DELETE of one item, under {@code items} or its type's collection ({@code sticky_notes}, ...). */
    private void writeItem(
            Method method, ServerRequest req, ServerResponse res, Function<ServerRequest, String> collection) {
        String boardId = boardId(req);
        String path = collection.apply(req);
        String itemId = itemId(req);
        pass(res, writes.write(method, boardId, Optional.of(itemId), body(req), "v2", "boards", boardId, path, itemId));
    }

    private static String boardId(ServerRequest req) {
        return PathFormat.BOARD_ID.require(req, "boardId");
    }

    private static String itemId(ServerRequest req) {
        return PathFormat.ITEM_ID.require(req, "itemId");
    }

    private static String type(ServerRequest req) {
        String type = req.path().pathParameters().first("type").orElse("");
        if (!ITEM_COLLECTIONS.contains(type)) {
            throw new ProblemException(Status.NOT_FOUND_404, "not-found", "No such item collection: " + type);
        }
        return type;
    }

    private static Optional<String> body(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return Optional.empty();
        }
        String body = req.content().as(String.class);
        return body.isBlank() ? Optional.empty() : Optional.of(body);
    }

    /** Answers with Miro's status and body. */
    private static void pass(ServerResponse res, MiroResponse response) {
        res.status(Status.create(response.status()));
        if (response.status() == 204 || response.body().length == 0) {
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, response.header("Content-Type").orElse("application/json"));
        res.send(response.body());
    }

    /** Runs a handler, answering failures in Miro's error shape. */
    private static Handler miro(Handler handler) {
        return (req, res) -> {
            try {
                handler.handle(req, res);
            } catch (MiroErrorException e) {
                MiroResponse response = e.response();
                res.status(Status.create(response.status()));
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.send(
                        response.body().length > 0
                                ? response.body()
                                : MiroJson.error(response.status(), e.code(), e.miroMessage()));
            } catch (MiroRateLimitedException e) {
                ProblemException problem = e.toProblem();
                error(res, Status.TOO_MANY_REQUESTS_429, problem);
            } catch (MiroException e) {
                ProblemException problem = e.toProblem();
                error(res, problem.status(), problem);
            } catch (ProblemException e) {
                error(res, e.status(), e);
            }
        };
    }

    private static void error(ServerResponse res, Status status, ProblemException problem) {
        problem.headers().forEach(res::header);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(MiroJson.error(status.code(), code(status.code()), problem.getMessage()));
    }

    /** Miro's error code for a status. */
    static String code(int status) {
        return switch (status) {
            case 400 -> "invalidParameters";
            case 401 -> "tokenNotProvided";
            case 403 -> "forbiddenAccess";
            case 404 -> "notFound";
            case 409 -> "conflict";
            case 413 -> "payloadTooLarge";
            case 429 -> "tooManyRequests";
            case 502 -> "badGateway";
            case 503 -> "serviceUnavailable";
            case 504 -> "gatewayTimeout";
            default -> status >= 500 ? "internalError" : "badRequest";
        };
    }
}
