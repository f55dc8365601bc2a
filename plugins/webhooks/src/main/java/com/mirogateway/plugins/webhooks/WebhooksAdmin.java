package com.mirogateway.plugins.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.api.MiroClient;
import com.mirogateway.platform.api.MiroErrorException;
import com.mirogateway.platform.api.MiroException;
import com.mirogateway.platform.api.MiroRequest;
import com.mirogateway.platform.api.PathFormat;
import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.api.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The plugin's ops endpoints, under {@code /admin} and so guarded like the host's ops API:
 * {@code POST /admin/webhooks/subscriptions {"boardId"}} creates a Miro board subscription with a fresh secret callback
 * URL, {@code GET /admin/webhooks/subscriptions} lists them with Miro's status, {@code DELETE
 * /admin/webhooks/subscriptions/{id}} removes one at Miro and here, and {@code GET /admin/webhooks/deliveries} lists
 * recent deliveries with their processing state. Secrets are never shown: Miro has the callback URL, the store only its
 * hash.
 */
final class WebhooksAdmin {
    private static final System.Logger LOG = System.getLogger(WebhooksAdmin.class.getName());
    private static final String[] MIRO_SUBSCRIPTIONS = {"v2-experimental", "webhooks", "subscriptions"};
    /** Most pages of Miro's subscription list read for one listing (100 subscriptions a page). */
    private static final int MAX_PAGES = 20;

    private final SubscriptionStore subscriptions;
    private final Inbox inbox;
    private final MiroClient miro;
    private final Optional<URI> publicBaseUrl;
    private final Clock clock;

    WebhooksAdmin(
            SubscriptionStore subscriptions, Inbox inbox, MiroClient miro, Optional<URI> publicBaseUrl, Clock clock) {
        this.subscriptions = subscriptions;
        this.inbox = inbox;
        this.miro = miro;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
    }

    void register(Routes routes) {
        routes.post("/admin/webhooks/subscriptions", this::create);
        routes.get("/admin/webhooks/subscriptions", this::list);
        routes.delete("/admin/webhooks/subscriptions/{id}", this::delete);
        routes.get("/admin/webhooks/deliveries", this::deliveries);
    }

    private void create(ServerRequest req, ServerResponse res) {
        String boardId = boardId(req);
        URI base = publicBaseUrl.orElseThrow(() -> new ProblemException(
                Status.CONFLICT_409,
                "webhooks-not-configured",
                "Set plugins.webhooks.public-base-url (the gateway's address as Miro reaches it) to create"
                        + " subscriptions"));
        String id = UUID.randomUUID().toString();
        String secret = SubscriptionStore.newSecret();
        subscriptions.insertPending(id, boardId, secret, clock.millis());
        String callbackUrl = base + "/webhooks/miro/" + secret;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("boardId", boardId);
        body.put("callbackUrl", callbackUrl);
        body.put("status", "enabled");
        JsonNode created;
        try {
            created = Json.fromMiro(
                    miro.send(MiroRequest.builder(Method.POST, "v2-experimental", "webhooks", "board_subscriptions")
                            .json(Json.write(body))
                            .build()));
        } catch (MiroException e) {
            subscriptions.delete(id);
            throw e.toProblem();
        } catch (ProblemException e) {
            subscriptions.delete(id);
            throw e;
        }
        String miroId = created.path("id").asText();
        String status = created.path("status").asText("enabled");
        subscriptions.created(id, miroId, status, clock.millis());
        LOG.log(Level.INFO, "Webhook subscription {0} (Miro {1}) created for board {2}", id, miroId, boardId);
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, "/admin/webhooks/subscriptions/" + id);
        Json.send(res, view(subscriptions.find(id).orElseThrow(), Optional.of(status)));
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<SubscriptionStore.Subscription> all = subscriptions.all();
        Map<String, Object> json = new LinkedHashMap<>();
        Optional<Map<String, String>> atMiro;
        try {
            // Miro is asked only when it has something to say (and its rate budget is spent only then).
            atMiro = Optional.of(all.stream().anyMatch(s -> s.miroId().isPresent()) ? miroStatuses() : Map.of());
        } catch (MiroException e) {
            LOG.log(Level.WARNING, "Miro's subscription statuses could not be read: {0}", e.getMessage());
            json.put("miroError", e.getMessage());
            atMiro = Optional.empty();
        }
        long now = clock.millis();
        List<Map<String, Object>> views = new ArrayList<>();
        for (SubscriptionStore.Subscription subscription : all) {
            Optional<String> status =
                    atMiro.flatMap(statuses -> subscription.miroId().map(statuses::get));
            status.filter(s -> !s.equals(subscription.status()))
                    .ifPresent(s -> subscriptions.status(subscription.id(), s, now));
            views.add(view(subscription, atMiro.map(statuses -> status.orElse("missing"))));
        }
        json.put("subscriptions", views);
        Json.send(res, json);
    }

    /** Miro's id → status of every subscription of the token's user. */
    private Map<String, String> miroStatuses() {
        Map<String, String> statuses = new HashMap<>();
        Optional<String> cursor = Optional.empty();
        for (int page = 0; page < MAX_PAGES; page++) {
            MiroRequest.Builder request = MiroRequest.get(MIRO_SUBSCRIPTIONS).query("limit", "100");
            cursor.ifPresent(c -> request.query("cursor", c));
            JsonNode answer = Json.fromMiro(miro.send(request.build()));
            answer.path("data")
                    .forEach(s ->
                            statuses.put(s.path("id").asText(), s.path("status").asText()));
            cursor = Optional.of(answer.path("cursor").asText()).filter(c -> !c.isEmpty());
            if (cursor.isEmpty()) {
                break;
            }
        }
        return statuses;
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        SubscriptionStore.Subscription subscription = subscriptions
                .find(id)
                .orElseThrow(
                        () -> new ProblemException(Status.NOT_FOUND_404, "not-found", "No webhook subscription " + id));
        subscription.miroId().ifPresent(miroId -> {
            try {
                var unused = miro.send(
                        MiroRequest.builder(Method.DELETE, "v2-experimental", "webhooks", "subscriptions", miroId)
                                .build());
            } catch (MiroErrorException e) {
                if (e.status() != 404) {
                    throw e.toProblem();
                }
            } catch (MiroException e) {
                throw e.toProblem();
            }
        });
        subscriptions.delete(id);
        LOG.log(Level.INFO, "Webhook subscription {0} deleted", id);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void deliveries(ServerRequest req, ServerResponse res) {
        Optional<Inbox.State> state = req.query()
                .first("state")
                .asOptional()
                .map(s -> Inbox.State.parse(s)
                        .orElseThrow(() -> new ProblemException(
                                Status.BAD_REQUEST_400,
                                "invalid-query-parameter",
                                "state must be one of received, waiting, retrying, applied, ignored, dead")));
        int limit;
        try {
            limit = req.query()
                    .first("limit")
                    .asOptional()
                    .map(Integer::parseInt)
                    .orElse(50);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 500) {
            throw new ProblemException(
                    Status.BAD_REQUEST_400, "invalid-query-parameter", "limit must be a whole number 1-500");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("counts", inbox.counts());
        json.put("deliveries", inbox.recent(state, limit));
        Json.send(res, json);
    }

    private static String boardId(ServerRequest req) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(
                    req.content().hasEntity() ? req.content().as(String.class) : "");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            body = null;
        }
        String boardId = body == null ? "" : body.path("boardId").asText();
        if (!PathFormat.BOARD_ID.matches(boardId)) {
            throw new ProblemException(
                    Status.BAD_REQUEST_400,
                    "invalid-request-body",
                    "The body must be {\"boardId\": \"...\"} with " + PathFormat.BOARD_ID.description());
        }
        return boardId;
    }

    private static Map<String, Object> view(SubscriptionStore.Subscription s, Optional<String> miroStatus) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", s.id());
        json.put("miroId", s.miroId().orElse(null));
        json.put("boardId", s.boardId());
        json.put("status", miroStatus.orElse(s.status()));
        json.put("statusSource", miroStatus.isPresent() ? "miro" : "stored");
        json.put("createdAt", Instant.ofEpochMilli(s.createdAt()).toString());
        json.put(
                "checkedAt",
                s.checkedAt().map(at -> Instant.ofEpochMilli(at).toString()).orElse(null));
        return json;
    }
}
