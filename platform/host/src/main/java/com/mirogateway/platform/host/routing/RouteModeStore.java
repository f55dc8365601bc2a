package com.mirogateway.platform.host.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.api.StoreException;
import com.mirogateway.platform.host.store.HostStore;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The modes ops chose, in the host table {@code gateway_route_modes}: one row per route id (scope {@code route}) or
 * per plugin id (scope {@code plugin}). Shared by every gateway on the same database. Thread-safe (the store is).
 */
final class RouteModeStore {
    static final String ROUTE = "route";
    static final String PLUGIN = "plugin";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final HostStore store;

    RouteModeStore(HostStore store) {
        this.store = store;
    }

    /** One stored choice. */
    record Row(String scope, String target, RouteMode mode) {}

    List<Row> all() {
        try (Stream<DbRow> rows = store.db()
                .execute()
                .query("SELECT scope, target, mode, canary_basis_points, fallback_to_legacy, ignore_fields"
                        + " FROM gateway_route_modes ORDER BY scope, target")) {
            return rows.map(RouteModeStore::row).toList();
        }
    }

    /** Runs {@code work} in one store transaction. */
    <T> T transaction(Function<DbExecute, T> work) {
        return store.transaction(work);
    }

    void put(DbExecute tx, String scope, String target, RouteMode mode) {
        tx.dml(
                "INSERT INTO gateway_route_modes"
                        + " (scope, target, mode, canary_basis_points, fallback_to_legacy, ignore_fields, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, " + store.nowMillis() + ")"
                        + " ON CONFLICT (scope, target) DO UPDATE SET mode = excluded.mode,"
                        + " canary_basis_points = excluded.canary_basis_points,"
                        + " fallback_to_legacy = excluded.fallback_to_legacy,"
                        + " ignore_fields = excluded.ignore_fields, updated_at = excluded.updated_at",
                scope,
                target,
                mode.mode().text(),
                mode.canaryBasisPoints(),
                mode.fallbackToLegacy() ? 1 : 0,
                json(mode.ignoreFields()));
    }

    boolean delete(DbExecute tx, String scope, String target) {
        return tx.dml("DELETE FROM gateway_route_modes WHERE scope = ? AND target = ?", scope, target) > 0;
    }

    private static Row row(DbRow row) {
        String mode = text(row, "mode");
        RouteMode parsed = new RouteMode(
                Mode.parse(mode)
                        .orElseThrow(() -> new StoreException("Unknown route mode '" + mode + "' stored", null)),
                number(row, "canary_basis_points"),
                number(row, "fallback_to_legacy") != 0,
                strings(text(row, "ignore_fields")));
        return new Row(text(row, "scope"), text(row, "target"), parsed);
    }

    private static String text(DbRow row, String column) {
        return String.valueOf(row.column(column).get());
    }

    private static int number(DbRow row, String column) {
        return ((Number) row.column(column).get()).intValue();
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new StoreException("Unreadable ignore_fields in gateway_route_modes: " + e.getMessage(), e);
        }
    }
}
