package com.mirogateway.plugins.boardsync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of cache outcomes since the plugin started, for {@code GET /admin/cache}. Thread-safe. */
final class CacheStats {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder staleOnError = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder revalidations = new LongAdder();
    private final LongAdder revalidationFailures = new LongAdder();

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    /** A stale copy served while it is refreshed in the background. */
    void stale() {
        stale.increment();
    }

    /** A stale copy served because Miro failed. */
    void staleOnError() {
        staleOnError.increment();
    }

    /** A read answered with an error: nothing cached could stand in. */
    void error() {
        errors.increment();
    }

    /** A miss that waited for another request's call instead of calling Miro itself. */
    void coalesced() {
        coalesced.increment();
    }

    void revalidation() {
        revalidations.increment();
    }

    void revalidationFailed() {
        revalidationFailures.increment();
    }

    /** The counters and rates as JSON-ready values. */
    Map<String, Object> json() {
        long h = hits.sum();
        long m = misses.sum();
        long s = stale.sum() + staleOnError.sum();
        long e = errors.sum();
        long total = h + m + s + e;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", total);
        json.put("hits", h);
        json.put("misses", m);
        json.put("stale", s);
        json.put("staleOnError", staleOnError.sum());
        json.put("errors", e);
        json.put("coalesced", coalesced.sum());
        json.put("hitRate", rate(h, total));
        json.put("missRate", rate(m, total));
        json.put("staleRate", rate(s, total));
        json.put("revalidations", revalidations.sum());
        json.put("revalidationFailures", revalidationFailures.sum());
        return json;
    }

    private static double rate(long part, long total) {
        return total == 0 ? 0.0 : Math.round(part * 10_000.0 / total) / 10_000.0;
    }
}
