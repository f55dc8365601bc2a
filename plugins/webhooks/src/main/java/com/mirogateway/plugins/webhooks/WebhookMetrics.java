package com.mirogateway.plugins.webhooks;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.service.registry.Services;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The plugin's meters in {@code /observe/metrics}: {@code webhooks.deliveries} (counter by outcome: {@code accepted},
 * {@code duplicate}, {@code rejected}, {@code challenge}), {@code webhooks.events} (counter of processing outcomes:
 * {@code applied}, {@code ignored}, {@code waiting}, {@code retrying}, {@code dead}) and
 * {@code webhooks.processing.lag} (timer: from acknowledgement to applied or ignored). Thread-safe.
 */
final class WebhookMetrics {
    private static final String DELIVERIES = "webhooks.deliveries";
    private static final String DELIVERIES_HELP = "Webhook deliveries received, by outcome";
    private static final String EVENTS = "webhooks.events";
    private static final String EVENTS_HELP = "Webhook event processing attempts, by outcome";

    private final MeterRegistry registry = Services.get(MeterRegistry.class);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer lag = registry.getOrCreate(Timer.builder("webhooks.processing.lag")
            .description("From a delivery's acknowledgement to its event applied (or ignored as older)"));

    /** Registers every counter at zero, so dashboards and alerts see them before the first delivery. */
    WebhookMetrics() {
        for (String outcome : List.of("accepted", "duplicate", "rejected", "challenge")) {
            counter(DELIVERIES, DELIVERIES_HELP, outcome);
        }
        for (String outcome : List.of("applied", "ignored", "waiting", "retrying", "dead")) {
            counter(EVENTS, EVENTS_HELP, outcome);
        }
    }

    void delivery(String outcome) {
        counter(DELIVERIES, DELIVERIES_HELP, outcome).increment();
    }

    void event(String outcome) {
        counter(EVENTS, EVENTS_HELP, outcome).increment();
    }

    void processed(long lagMillis) {
        lag.record(Math.max(0, lagMillis), TimeUnit.MILLISECONDS);
    }

    private Counter counter(String name, String description, String outcome) {
        return counters.computeIfAbsent(
                name + '|' + outcome,
                key -> registry.getOrCreate(
                        Counter.builder(name).description(description).tags(List.of(Tag.create("outcome", outcome)))));
    }
}
