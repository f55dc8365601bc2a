package com.mirogateway.platform.host.routing;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.service.registry.Services;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Collects comparison outcomes from the shadow threads: counts them in the metrics at once
 * ({@code gateway.route.comparisons{route, kind, outcome}}) and in memory, and writes the counts and mismatch reports
 * to the store in batches every {@code routing.diff.flush-interval} (and on {@link #flush()}), so comparisons never
 * wait for the database. At most {@value #MAX_PENDING_REPORTS} reports wait between two flushes; more are counted but
 * not kept.
 */
final class DiffRecorder implements AutoCloseable {
    static final int MAX_PENDING_REPORTS = 1000;

    private static final System.Logger LOG = System.getLogger(DiffRecorder.class.getName());

    private final DiffStore store;
    private final MeterRegistry registry = Services.get(MeterRegistry.class);
    private final Map<MetricKey, Counter> counters = new ConcurrentHashMap<>();
    private final ReentrantLock pendingLock = new ReentrantLock();
    private final ReentrantLock flushLock = new ReentrantLock();
    private final AtomicLong sequence = new AtomicLong();
    private final ScheduledExecutorService flusher;
    private Map<Key, DiffCounts> pending = new HashMap<>();
    private List<DiffStore.Report> reports = new ArrayList<>();

    /** A route and comparison kind. */
    record Key(String routeId, String kind) {}

    private record MetricKey(String routeId, String kind, String outcome) {}

    DiffRecorder(DiffStore store, Duration flushInterval) {
        this.store = store;
        this.flusher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("route-diffs-flush").factory());
        long millis = Math.max(1, flushInterval.toMillis());
        var unused = flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** A safe request on a compared route was not compared. */
    void skipped(String routeId, Mode kind) {
        add(new Key(routeId, kind.text()), new DiffCounts(0, 0, 0, 0, 0, 1), null);
        count(routeId, kind, "skipped");
    }

    /** The second run did not finish within the timeout. */
    void timedOut(String routeId, Mode kind) {
        add(new Key(routeId, kind.text()), new DiffCounts(0, 0, 0, 1, 0, 0), null);
        count(routeId, kind, "plugin-error");
    }

    /**
     * A comparison ended.
     *
     * @param routeId the route
     * @param kind shadow or legacy-vs-legacy
     * @param matched whether the answers matched
     * @param pluginError whether the second run threw
     * @param slower whether the second run took longer than the client's answer
     * @param report the mismatch report's JSON, for a mismatch
     */
    void compared(String routeId, Mode kind, boolean matched, boolean pluginError, boolean slower, String report) {
        Key key = new Key(routeId, kind.text());
        DiffCounts counts = new DiffCounts(1, matched ? 1 : 0, matched ? 0 : 1, pluginError ? 1 : 0, slower ? 1 : 0, 0);
        add(key, counts, matched ? null : report);
        count(routeId, kind, "compared");
        count(routeId, kind, matched ? "matching" : "mismatching");
        if (pluginError) {
            count(routeId, kind, "plugin-error");
        }
        if (slower) {
            count(routeId, kind, "plugin-slower");
        }
    }

    /** A unique report id that sorts by time within this gateway. */
    String nextReportId(long epochMillis) {
        return String.format("%013d-%010d", epochMillis, sequence.incrementAndGet() % 10_000_000_000L);
    }

    private void add(Key key, DiffCounts counts, String report) {
        pendingLock.lock();
        try {
            pending.merge(key, counts, DiffCounts::plus);
            if (report != null && reports.size() < MAX_PENDING_REPORTS) {
                long now = System.currentTimeMillis();
                reports.add(new DiffStore.Report(nextReportId(now), key.routeId(), key.kind(), now, report));
            }
        } finally {
            pendingLock.unlock();
        }
    }

    private void count(String routeId, Mode kind, String outcome) {
        counters.computeIfAbsent(new MetricKey(routeId, kind.text(), outcome), this::counter)
                .increment();
    }

    private Counter counter(MetricKey key) {
        return registry.getOrCreate(Counter.builder("gateway.route.comparisons")
                .description("Shadow and legacy-vs-legacy comparisons by route, kind and outcome")
                .tags(List.of(
                        Tag.create("route", key.routeId()),
                        Tag.create("kind", key.kind()),
                        Tag.create("outcome", key.outcome()))));
    }

    /** Writes what is pending to the store now. Called by the flush thread and before ops read the reports. */
    void flush() {
        flushLock.lock();
        try {
            Map<Key, DiffCounts> counts;
            List<DiffStore.Report> batch;
            pendingLock.lock();
            try {
                counts = pending;
                batch = reports;
                pending = new HashMap<>();
                reports = new ArrayList<>();
            } finally {
                pendingLock.unlock();
            }
            if (!counts.isEmpty() || !batch.isEmpty()) {
                store.write(counts, batch);
            }
        } finally {
            flushLock.unlock();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write comparison results to the store; they are lost", e);
        }
    }

    /** Stops the flush thread and writes what is pending. */
    @Override
    public void close() {
        flusher.shutdownNow();
        flushQuietly();
    }
}
