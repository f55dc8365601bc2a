package com.mirogateway.platform.host.jobs;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.service.registry.Services;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The queue's meters in {@code /observe/metrics}: {@code gateway.jobs} (gauge by state: queue depth, running, dead;
 * refreshed from the database by the lease keeper), {@code gateway.jobs.attempts} (counter by type and outcome),
 * {@code gateway.jobs.start.latency} (timer by type: enqueue or due time to start), {@code gateway.jobs.duration}
 * (timer by type), {@code gateway.jobs.reaped} and {@code gateway.jobs.lease.renewal.failures} (counters).
 */
final class JobMetrics {
    private final MeterRegistry registry = Services.get(MeterRegistry.class);
    /** Process-wide: the registry keeps the first gauge registered under a name, so every queue writes the same. */
    private static final Map<JobState, AtomicLong> BY_STATE = new EnumMap<>(JobState.class);

    static {
        for (JobState state : JobState.values()) {
            BY_STATE.put(state, new AtomicLong());
        }
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    JobMetrics() {
        for (JobState state : JobState.values()) {
            AtomicLong value = BY_STATE.get(state);
            registry.getOrCreate(Gauge.builder("gateway.jobs", value, AtomicLong::doubleValue)
                    .description("Jobs in the store by state (queued and failed: waiting; running; dead)")
                    .tags(List.of(Tag.create("state", state.dbName()))));
        }
    }

    void states(Map<JobState, Long> counts) {
        BY_STATE.forEach((state, value) -> value.set(counts.getOrDefault(state, 0L)));
    }

    void attempt(String type, String outcome) {
        counter("gateway.jobs.attempts", "Job attempts by type and outcome", type, outcome)
                .increment();
    }

    void started(String type, long latencyMillis) {
        timer("gateway.jobs.start.latency", "From a job's due time (enqueue or run-at) to its start", type)
                .record(Math.max(0, latencyMillis), TimeUnit.MILLISECONDS);
    }

    void finished(String type, long nanos) {
        timer("gateway.jobs.duration", "How long job handlers ran", type).record(nanos, TimeUnit.NANOSECONDS);
    }

    void reaped() {
        counter("gateway.jobs.reaped", "Running jobs taken back after their lease expired", null, null)
                .increment();
    }

    void renewalFailed() {
        counter("gateway.jobs.lease.renewal.failures", "Lease renewals that failed", null, null)
                .increment();
    }

    private Counter counter(String name, String description, String type, String outcome) {
        return counters.computeIfAbsent(name + '|' + type + '|' + outcome, key -> {
            Counter.Builder builder = Counter.builder(name).description(description);
            if (type != null) {
                builder.tags(List.of(Tag.create("type", type), Tag.create("outcome", outcome)));
            }
            return registry.getOrCreate(builder);
        });
    }

    private Timer timer(String name, String description, String type) {
        return timers.computeIfAbsent(
                name + '|' + type,
                key -> registry.getOrCreate(
                        Timer.builder(name).description(description).tags(List.of(Tag.create("type", type)))));
    }
}
