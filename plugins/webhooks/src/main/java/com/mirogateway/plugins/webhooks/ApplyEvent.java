package com.mirogateway.plugins.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mirogateway.platform.api.BoardCache;
import com.mirogateway.platform.api.Job;
import com.mirogateway.platform.api.JobHandler;
import com.mirogateway.platform.api.PermanentJobFailureException;
import com.mirogateway.platform.api.RetryLaterException;
import com.mirogateway.platform.api.ServiceUnavailableException;
import com.mirogateway.platform.api.Services;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The job {@code webhooks.apply-event}: applies one stored delivery to board-sync's cache through the
 * {@link BoardCache} service, and records the outcome on the delivery.
 *
 * <p>While board-sync is not running the job is put off without spending an attempt, first after
 * {@code wait-for-cache.min}, then after a tenth of the time the event has waited, up to {@code wait-for-cache.max}.
 * An update older than the cached copy is {@code ignored}. A failure is retried with the queue's backoff; on the last
 * attempt the delivery is {@code dead}, as is one the cache refuses as malformed. Idempotent: a job whose delivery is
 * already applied or ignored does nothing.
 */
final class ApplyEvent implements JobHandler {
    /** The job type. */
    static final String TYPE = "webhooks.apply-event";

    private static final System.Logger LOG = System.getLogger(ApplyEvent.class.getName());

    private final Inbox inbox;
    private final Services services;
    private final WebhookMetrics metrics;
    private final WebhooksConfig config;
    private final Clock clock;

    ApplyEvent(Inbox inbox, Services services, WebhookMetrics metrics, WebhooksConfig config, Clock clock) {
        this.inbox = inbox;
        this.services = services;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void run(Job job) throws JsonProcessingException {
        String id = Json.MAPPER.readTree(job.payloadJson()).path("delivery").asText();
        Optional<Inbox.Stored> found = inbox.find(id);
        if (found.isEmpty()) {
            LOG.log(Level.WARNING, "Webhook delivery {0} is no longer stored; nothing to apply", id);
            return;
        }
        Inbox.Stored delivery = found.get();
        if (delivery.state() == Inbox.State.APPLIED || delivery.state() == Inbox.State.IGNORED) {
            return;
        }
        Optional<BoardCache> cache = services.find(BoardCache.class);
        if (cache.isEmpty()) {
            throw waitForCache(job, delivery);
        }
        boolean applied;
        try {
            applied = apply(cache.get(), delivery.event());
        } catch (ServiceUnavailableException e) {
            RetryLaterException later = waitForCache(job, delivery);
            later.initCause(e);
            throw later;
        } catch (IllegalArgumentException e) {
            metrics.event("dead");
            inbox.record(id, Inbox.State.DEAD, job.attempt(), Optional.of(e.getMessage()), Optional.empty());
            throw new PermanentJobFailureException("The cache refused the event: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            boolean last = job.attempt() >= job.maxAttempts();
            metrics.event(last ? "dead" : "retrying");
            inbox.record(
                    id,
                    last ? Inbox.State.DEAD : Inbox.State.RETRYING,
                    job.attempt(),
                    Optional.of(String.valueOf(e.getMessage())),
                    Optional.empty());
            throw e;
        }
        long now = clock.millis();
        Inbox.State state = applied ? Inbox.State.APPLIED : Inbox.State.IGNORED;
        inbox.record(id, state, job.attempt(), Optional.empty(), Optional.of(now));
        metrics.event(state.dbName());
        metrics.processed(now - delivery.receivedAt());
    }

    private static boolean apply(BoardCache cache, Delivery.Event event) {
        if ("delete".equals(event.type())) {
            cache.itemDeleted(event.boardId(), event.itemId());
            return true;
        }
        return cache.itemChanged(event.boardId(), event.itemJson());
    }

    private RetryLaterException waitForCache(Job job, Inbox.Stored delivery) {
        long waited = Math.max(0, clock.millis() - delivery.receivedAt());
        Duration delay = Duration.ofMillis(waited / 10);
        if (delay.compareTo(config.waitForCacheMin()) < 0) {
            delay = config.waitForCacheMin();
        } else if (delay.compareTo(config.waitForCacheMax()) > 0) {
            delay = config.waitForCacheMax();
        }
        metrics.event("waiting");
        inbox.record(
                delivery.id(),
                Inbox.State.WAITING,
                job.attempt() - 1,
                Optional.of("board-sync is not running"),
                Optional.empty());
        return new RetryLaterException(Instant.now(clock).plus(delay), "board-sync is not running");
    }
}
