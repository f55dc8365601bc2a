package com.mirogateway.plugins.webhooks;

import com.mirogateway.platform.api.JobRequest;
import com.mirogateway.platform.api.Jobs;
import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.api.Routes;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * {@code POST /webhooks/miro/{subscriptionSecret}}: Miro's deliveries. A challenge is answered with itself. An event
 * is acknowledged with 200 only once it is stored in the inbox together with the job that applies it (one
 * transaction), so nothing acknowledged is lost; a repeated event is acknowledged and stored once. An unknown secret is
 * 404 without a hint; a body too large or not an event is a 4xx problem and nothing is stored.
 */
final class Receiver {
    private static final System.Logger LOG = System.getLogger(Receiver.class.getName());

    private final SubscriptionStore subscriptions;
    private final Inbox inbox;
    private final Jobs jobs;
    private final WebhookMetrics metrics;
    private final int maxBodySize;
    private final Clock clock;

    Receiver(
            SubscriptionStore subscriptions,
            Inbox inbox,
            Jobs jobs,
            WebhookMetrics metrics,
            int maxBodySize,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.inbox = inbox;
        this.jobs = jobs;
        this.metrics = metrics;
        this.maxBodySize = maxBodySize;
        this.clock = clock;
    }

    void register(Routes routes) {
        // Miro calls it without a token: the unguessable secret in the path authenticates the delivery.
        routes.claimPublic(Method.POST, "/webhooks/miro/{subscriptionSecret}", this::receive);
    }

    private void receive(ServerRequest req, ServerResponse res) {
        String body;
        Delivery delivery;
        try {
            body = body(req);
            delivery = Delivery.parse(body);
        } catch (IllegalArgumentException e) {
            metrics.delivery("rejected");
            throw new ProblemException(Status.BAD_REQUEST_400, "invalid-webhook-delivery", e.getMessage());
        }
        if (delivery instanceof Delivery.Challenge challenge) {
            metrics.delivery("challenge");
            Json.send(res, Map.of("challenge", challenge.challenge()));
            return;
        }
        Delivery.Event event = (Delivery.Event) delivery;
        String secret = req.path().pathParameters().get("subscriptionSecret");
        SubscriptionStore.Subscription subscription = subscriptions
                .findBySecret(secret)
                .orElseThrow(() -> {
                    metrics.delivery("rejected");
                    return new ProblemException(Status.NOT_FOUND_404, "not-found", "Nothing is here");
                });
        if (!subscription.boardId().equals(event.boardId())) {
            metrics.delivery("rejected");
            throw new ProblemException(
                    Status.BAD_REQUEST_400,
                    "invalid-webhook-delivery",
                    "The event is for another board than this callback URL's subscription");
        }
        Inbox.Outcome outcome = inbox.accept(
                subscription.id(),
                event,
                body,
                clock.millis(),
                (tx, deliveryId) -> jobs.enqueue(
                        tx,
                        JobRequest.builder(ApplyEvent.TYPE, "{\"delivery\":\"" + deliveryId + "\"}")
                                .idempotencyKey("webhooks:" + deliveryId)
                                .build()));
        String name = outcome == Inbox.Outcome.ACCEPTED ? "accepted" : "duplicate";
        metrics.delivery(name);
        LOG.log(
                Level.DEBUG,
                "Webhook {0} event for board {1} item {2}: {3}",
                event.type(),
                event.boardId(),
                event.itemId(),
                name);
        Json.send(res, Map.of("status", name));
    }

    /** The body, at most {@code maxBodySize} bytes (413 beyond, whether declared or streamed). */
    private String body(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > maxBodySize) {
            throw tooLarge();
        }
        if (!req.content().hasEntity()) {
            throw new IllegalArgumentException("The body is empty");
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(maxBodySize + 1);
            if (bytes.length > maxBodySize) {
                throw tooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProblemException tooLarge() {
        metrics.delivery("rejected");
        return new ProblemException(
                Status.REQUEST_ENTITY_TOO_LARGE_413,
                "payload-too-large",
                "A webhook delivery is at most " + maxBodySize + " bytes");
    }
}
