package com.mirogateway.platform.host.http;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.service.registry.Services;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The host's own per-route request metrics: a timer {@code gateway.requests} tagged with the route template (never the
 * raw path), the serving plugin, the method and the status class. Helidon's own HTTP metrics would label every request
 * with the dispatcher's catch-all pattern.
 */
final class RouteMetrics {
    private static final String[] STATUS_CLASSES = {"0xx", "1xx", "2xx", "3xx", "4xx", "5xx"};

    private final MeterRegistry registry = Services.get(MeterRegistry.class);
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(String route, String plugin, String method, String status) {}

    void record(String route, String plugin, String method, int status, long nanos) {
        Key key = new Key(route, plugin, method, statusClass(status));
        timers.computeIfAbsent(key, this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String statusClass(int status) {
        int hundreds = status / 100;
        return hundreds >= 0 && hundreds < STATUS_CLASSES.length ? STATUS_CLASSES[hundreds] : hundreds + "xx";
    }

    private Timer timer(Key key) {
        return registry.getOrCreate(Timer.builder("gateway.requests")
                .description("Requests served through the route table, by route template and plugin")
                .tags(List.of(
                        Tag.create("route", key.route()),
                        Tag.create("plugin", key.plugin()),
                        Tag.create("method", key.method()),
                        Tag.create("status", key.status()))));
    }
}
