package com.mirogateway.platform.host.routing;

import com.mirogateway.platform.host.store.HostStore;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Comparison counts ({@code gateway_route_diffs}) and the latest mismatch reports ({@code gateway_route_mismatches},
 * at most {@code keep} per route and kind) in the host store. Written by the {@link DiffRecorder}'s flush only.
 */
final class DiffStore {
    private static final String COUNTS = "compared, matching, mismatching, plugin_errors, plugin_slower, skipped";

    private final HostStore store;
    private final int keep;

    DiffStore(HostStore store, int keep) {
        this.store = store;
        this.keep = keep;
    }

    /**
     * A report waiting to be written.
     *
     * @param id a unique id that sorts by time within one gateway ({@link DiffRecorder} makes it)
     * @param routeId the route
     * @param kind {@code shadow} or {@code legacy-vs-legacy}
     * @param recordedAt when the comparison ended, epoch milliseconds
     * @param json the report
     */
    record Report(String id, String routeId, String kind, long recordedAt, String json) {}

    /** Adds counts and reports in one transaction, then drops reports beyond the latest {@code keep}. */
    void write(Map<DiffRecorder.Key, DiffCounts> counts, List<Report> reports) {
        store.transaction(tx -> {
            counts.forEach((key, add) -> add(tx, key, add));
            for (Report report : reports) {
                tx.dml(
                        "INSERT INTO gateway_route_mismatches (id, route_id, kind, recorded_at, report)"
                                + " VALUES (?, ?, ?, ?, ?)",
                        report.id(),
                        report.routeId(),
                        report.kind(),
                        report.recordedAt(),
                        report.json());
            }
            reports.stream()
                    .map(r -> new DiffRecorder.Key(r.routeId(), r.kind()))
                    .distinct()
                    .forEach(key -> prune(tx, key));
            return null;
        });
    }

    private void add(DbExecute tx, DiffRecorder.Key key, DiffCounts add) {
        tx.dml(
                "INSERT INTO gateway_route_diffs (route_id, kind, " + COUNTS + ", updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + store.nowMillis() + ")"
                        + " ON CONFLICT (route_id, kind) DO UPDATE SET"
                        + " compared = gateway_route_diffs.compared + excluded.compared,"
                        + " matching = gateway_route_diffs.matching + excluded.matching,"
                        + " mismatching = gateway_route_diffs.mismatching + excluded.mismatching,"
                        + " plugin_errors = gateway_route_diffs.plugin_errors + excluded.plugin_errors,"
                        + " plugin_slower = gateway_route_diffs.plugin_slower + excluded.plugin_slower,"
                        + " skipped = gateway_route_diffs.skipped + excluded.skipped,"
                        + " updated_at = excluded.updated_at",
                key.routeId(),
                key.kind(),
                add.compared(),
                add.matching(),
                add.mismatching(),
                add.pluginErrors(),
                add.pluginSlower(),
                add.skipped());
    }

    private void prune(DbExecute tx, DiffRecorder.Key key) {
        tx.dml(
                "DELETE FROM gateway_route_mismatches WHERE route_id = ? AND kind = ? AND id NOT IN"
                        + " (SELECT id FROM gateway_route_mismatches WHERE route_id = ? AND kind = ?"
                        + " ORDER BY recorded_at DESC, id DESC LIMIT ?)",
                key.routeId(),
                key.kind(),
                key.routeId(),
                key.kind(),
                keep);
    }

    /** Every route's counts of one kind. */
    Map<String, DiffCounts> counts(String kind) {
        Map<String, DiffCounts> counts = new LinkedHashMap<>();
        try (Stream<DbRow> rows = store.db()
                .execute()
                .query("SELECT route_id, " + COUNTS + " FROM gateway_route_diffs WHERE kind = ?", kind)) {
            rows.forEach(row -> counts.put(String.valueOf(row.column("route_id").get()), counts(row)));
        }
        return counts;
    }

    /** One route's counts, by kind. */
    Map<String, DiffCounts> countsOf(String routeId) {
        Map<String, DiffCounts> counts = new LinkedHashMap<>();
        try (Stream<DbRow> rows = store.db()
                .execute()
                .query(
                        "SELECT kind, " + COUNTS + " FROM gateway_route_diffs WHERE route_id = ? ORDER BY kind",
                        routeId)) {
            rows.forEach(row -> counts.put(String.valueOf(row.column("kind").get()), counts(row)));
        }
        return counts;
    }

    /** One route's latest reports of one kind, newest first, as stored JSON. */
    List<String> reports(String routeId, String kind, int limit) {
        try (Stream<DbRow> rows = store.db()
                .execute()
                .query(
                        "SELECT report FROM gateway_route_mismatches WHERE route_id = ? AND kind = ?"
                                + " ORDER BY recorded_at DESC, id DESC LIMIT ?",
                        routeId,
                        kind,
                        limit)) {
            return rows.map(row -> String.valueOf(row.column("report").get())).toList();
        }
    }

    /** Forgets a route's counts and reports. */
    void reset(String routeId) {
        store.transaction(tx -> {
            tx.dml("DELETE FROM gateway_route_diffs WHERE route_id = ?", routeId);
            return tx.dml("DELETE FROM gateway_route_mismatches WHERE route_id = ?", routeId);
        });
    }

    private static DiffCounts counts(DbRow row) {
        return new DiffCounts(
                number(row, "compared"),
                number(row, "matching"),
                number(row, "mismatching"),
                number(row, "plugin_errors"),
                number(row, "plugin_slower"),
                number(row, "skipped"));
    }

    private static long number(DbRow row, String column) {
        return ((Number) row.column(column).get()).longValue();
    }
}
