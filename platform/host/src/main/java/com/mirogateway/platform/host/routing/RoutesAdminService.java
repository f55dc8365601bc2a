package com.mirogateway.platform.host.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.host.plugins.FallbackEntry;
import com.mirogateway.platform.host.plugins.PluginHost;
import com.mirogateway.platform.host.plugins.PluginRuntime;
import com.mirogateway.platform.host.plugins.RouteEntry;
import com.mirogateway.platform.host.plugins.RouteTable;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ops API of route modes and diff reports, under {@code /admin/routes}:
 *
 * <ul>
 *   <li>{@code GET /admin/routes}: every route of the live table with owner, mode, canary share and match rate;
 *   <li>{@code GET|PUT|DELETE /admin/routes/{routeId}/mode}: read, set or remove ops' mode of a route;
 *   <li>{@code GET|DELETE /admin/routes/{routeId}/diffs}: comparison counts and latest mismatches, or forget them.
 * </ul>
 *
 * <p>A route id ({@code GET:/api/boards/{boardId}}) goes into the URL percent-encoded as one segment
 * ({@code GET:%2Fapi%2Fboards%2F%7BboardId%7D}); the unencoded form works too. Runs behind the admin guard.
 */
final class RoutesAdminService implements HttpService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODE = "/mode";
    private static final String DIFFS = "/diffs";

    private final PluginHost plugins;
    private final RouteModes modes;
    private final DiffRecorder recorder;
    private final DiffStore diffs;
    private final int keepMismatches;

    RoutesAdminService(
            PluginHost plugins, RouteModes modes, DiffRecorder recorder, DiffStore diffs, int keepMismatches) {
        this.plugins = plugins;
        this.modes = modes;
        this.recorder = recorder;
        this.diffs = diffs;
        this.keepMismatches = keepMismatches;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> res.send(list()))
                .get("/{+rest}", (req, res) -> get(req, res))
                .put("/{+rest}", (req, res) -> put(req, res))
                .delete("/{+rest}", (req, res) -> delete(req, res));
    }

    private List<Map<String, Object>> list() {
        recorder.flush();
        Map<String, DiffCounts> shadow = diffs.counts(Mode.SHADOW.text());
        RouteTable table = plugins.routeTable();
        List<Map<String, Object>> routes = new ArrayList<>();
        for (RouteEntry route : table.routes()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("method", route.method().text());
            json.put("path", route.path());
            json.put("plugin", route.owner().id());
            json.put("id", route.id());
            json.put("public", route.publicAccess());
            putMode(json, modes.effective(route.id(), route.owner().id()));
            json.put(
                    "matchRate",
                    rate(shadow.getOrDefault(route.id(), DiffCounts.ZERO)).orElse(null));
            routes.add(json);
        }
        for (FallbackEntry fallback : table.fallbacks()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("method", "*");
            json.put("path", fallback.prefix() + "/**");
            json.put("plugin", fallback.owner().id());
            json.put("id", "*:" + fallback.prefix() + "/**");
            json.put("public", false);
            json.put("mode", null);
            json.put("canaryPercent", null);
            json.put("matchRate", null);
            routes.add(json);
        }
        return routes;
    }

    private void get(ServerRequest req, ServerResponse res) {
        Target target = target(req);
        switch (target.resource()) {
            case MODE -> res.send(modeJson(target.routeId()));
            case DIFFS -> res.send(diffsJson(target.routeId(), limit(req)));
            default -> throw notFound(req);
        }
    }

    private void put(ServerRequest req, ServerResponse res) {
        Target target = target(req);
        if (!target.resource().equals(MODE)) {
            throw notFound(req);
        }
        String id = target.routeId();
        if (claim(id).isEmpty() && !modes.effective(id, "").source().equals(Effective.Source.ROUTE)) {
            throw new ProblemException(
                    Status.NOT_FOUND_404,
                    "route-not-found",
                    "No started plugin claims route " + id + "; set the mode of a plugin that is not started with"
                            + " PUT /admin/plugins/{id}/route-mode or its route-modes configuration");
        }
        modes.setRoute(id, parseMode(req));
        res.send(modeJson(id));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Target target = target(req);
        switch (target.resource()) {
            case MODE -> {
                if (!modes.clearRoute(target.routeId())) {
                    throw new ProblemException(
                            Status.NOT_FOUND_404,
                            "route-mode-not-set",
                            "Ops set no mode for route " + target.routeId());
                }
                res.send(modeJson(target.routeId()));
            }
            case DIFFS -> {
                recorder.flush();
                diffs.reset(target.routeId());
                res.status(Status.NO_CONTENT_204).send();
            }
            default -> throw notFound(req);
        }
    }

    /** The mode a route is in, where that comes from, and whether a started plugin claims it. */
    private Map<String, Object> modeJson(String routeId) {
        Optional<RouteEntry> route = claim(routeId);
        String plugin = route.map(r -> r.owner().id()).orElse(null);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", routeId);
        json.put("plugin", plugin);
        json.put("claimed", route.isPresent());
        putMode(json, modes.effective(routeId, plugin == null ? "" : plugin));
        return json;
    }

    private Map<String, Object> diffsJson(String routeId, int limit) {
        recorder.flush();
        Optional<RouteEntry> route = claim(routeId);
        Map<String, DiffCounts> counts = diffs.countsOf(routeId);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", routeId);
        json.put("plugin", route.map(r -> r.owner().id()).orElse(null));
        json.put(
                "mode",
                route.map(r -> modes.effective(routeId, r.owner().id())
                                .mode()
                                .mode()
                                .text())
                        .orElse(null));
        json.put("shadow", kind(routeId, Mode.SHADOW, counts, limit));
        json.put("legacyVsLegacy", kind(routeId, Mode.LEGACY_VS_LEGACY, counts, limit));
        return json;
    }

    private Map<String, Object> kind(String routeId, Mode kind, Map<String, DiffCounts> all, int limit) {
        DiffCounts counts = all.getOrDefault(kind.text(), DiffCounts.ZERO);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("compared", counts.compared());
        json.put("matching", counts.matching());
        json.put("mismatching", counts.mismatching());
        json.put("pluginErrors", counts.pluginErrors());
        json.put("pluginSlower", counts.pluginSlower());
        json.put("skipped", counts.skipped());
        json.put("matchRate", rate(counts).orElse(null));
        List<JsonNode> reports = new ArrayList<>();
        for (String report : diffs.reports(routeId, kind.text(), limit)) {
            reports.add(parse(report));
        }
        json.put("mismatches", reports);
        return json;
    }

    static void putMode(Map<String, Object> json, Effective effective) {
        RouteMode mode = effective.mode();
        json.put("mode", mode.mode().text());
        json.put("canaryPercent", mode.mode() == Mode.CANARY ? percent(mode) : null);
        json.put("fallbackToLegacy", mode.fallbackToLegacy());
        json.put("ignoreFields", mode.ignoreFields());
        json.put("modeSource", effective.source().text());
    }

    private static Number percent(RouteMode mode) {
        if (mode.canaryBasisPoints() % 100 == 0) {
            return Integer.valueOf(mode.canaryBasisPoints() / 100);
        }
        return Double.valueOf(mode.canaryPercent());
    }

    private static Optional<Double> rate(DiffCounts counts) {
        return counts.matchRate().isPresent()
                ? Optional.of(Math.round(counts.matchRate().getAsDouble() * 10_000) / 10_000.0)
                : Optional.empty();
    }

    /** Reads {@code {mode, canaryPercent, fallbackToLegacy, ignoreFields}}; a 400 problem if unusable. */
    static RouteMode parseMode(ServerRequest req) {
        JsonNode body;
        try {
            body = JSON.readTree(req.content().inputStream());
        } catch (IOException | UncheckedIOException e) {
            throw badRequest("The body must be a JSON object such as {\"mode\": \"canary\", \"canaryPercent\": 10}", e);
        }
        if (body == null || !body.isObject() || !body.path("mode").isTextual()) {
            throw badRequest("The body must be a JSON object with a \"mode\": one of " + Mode.names());
        }
        JsonNode percent = body.path("canaryPercent");
        if (!percent.isMissingNode() && !percent.isNull() && !percent.isNumber()) {
            throw badRequest("canaryPercent must be a number between 0 and 100");
        }
        List<String> ignore = new ArrayList<>();
        JsonNode fields = body.path("ignoreFields");
        if (!fields.isMissingNode() && !fields.isNull()) {
            if (!fields.isArray()) {
                throw badRequest("ignoreFields must be an array of field names or JSON paths");
            }
            fields.forEach(f -> ignore.add(f.asText()));
        }
        try {
            return RouteMode.of(
                    body.get("mode").asText(),
                    percent.isNumber() ? percent.asDouble() : null,
                    body.path("fallbackToLegacy").asBoolean(false),
                    ignore);
        } catch (InvalidRouteModeException e) {
            throw badRequest(e.getMessage(), e);
        }
    }

    private Optional<RouteEntry> claim(String routeId) {
        return plugins.routeTable().routes().stream()
                .filter(r -> r.id().equals(routeId))
                .findFirst();
    }

    private int limit(ServerRequest req) {
        int limit = req.query().first("limit").map(RoutesAdminService::number).orElse(20);
        return Math.max(0, Math.min(limit, keepMismatches));
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw badRequest("limit must be a whole number", e);
        }
    }

    /** The route id and resource of {@code /admin/routes/<id>/<resource>}, decoding the id if still encoded. */
    private static Target target(ServerRequest req) {
        String rest = req.path().pathParameters().get("rest");
        for (String resource : List.of(MODE, DIFFS)) {
            if (rest.endsWith(resource) && rest.length() > resource.length()) {
                return new Target(decode(rest.substring(0, rest.length() - resource.length())), resource);
            }
        }
        return new Target(rest, "");
    }

    private static String decode(String id) {
        if (!id.contains("%")) {
            return id;
        }
        try {
            return URLDecoder.decode(id.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    private record Target(String routeId, String resource) {}

    private static ProblemException notFound(ServerRequest req) {
        return new ProblemException(
                Status.NOT_FOUND_404,
                "not-found",
                "No ops resource at " + req.prologue().uriPath().path()
                        + "; use /admin/routes/{routeId}/mode or /admin/routes/{routeId}/diffs");
    }

    private static ProblemException badRequest(String detail) {
        return badRequest(detail, null);
    }

    private static ProblemException badRequest(String detail, Throwable cause) {
        return new ProblemException(Status.BAD_REQUEST_400, "invalid-route-mode", detail, cause);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plugins' side: {@code GET|PUT|DELETE /admin/plugins/{id}/route-mode}. */
    HttpService pluginModes() {
        return rules -> rules.get("/{id}/route-mode", (req, res) -> res.send(pluginModeJson(pluginId(req))))
                .put("/{id}/route-mode", (req, res) -> {
                    String id = pluginId(req);
                    RouteMode mode = parseMode(req);
                    List<String> routeIds = runtime(id).map(this::routeIdsOf).orElse(List.of());
                    modes.setPlugin(id, mode, routeIds);
                    res.send(pluginModeJson(id));
                })
                .delete("/{id}/route-mode", (req, res) -> {
                    String id = pluginId(req);
                    if (!modes.clearPlugin(id)) {
                        throw new ProblemException(
                                Status.NOT_FOUND_404, "route-mode-not-set", "Ops set no mode for plugin " + id);
                    }
                    res.send(pluginModeJson(id));
                });
    }

    private String pluginId(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (runtime(id).isEmpty()) {
            throw new ProblemException(Status.NOT_FOUND_404, "plugin-not-found", "No plugin with id '" + id + "'");
        }
        return id;
    }

    private Optional<PluginRuntime> runtime(String id) {
        return plugins.plugins().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private List<String> routeIdsOf(PluginRuntime runtime) {
        return plugins.routeTable().routes().stream()
                .filter(r -> r.owner() == runtime)
                .map(RouteEntry::id)
                .toList();
    }

    private Map<String, Object> pluginModeJson(String pluginId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("plugin", pluginId);
        Optional<RouteMode> set = modes.pluginSetting(pluginId);
        json.put("set", set.isPresent());
        putMode(
                json,
                set.map(m -> new Effective(m, Effective.Source.PLUGIN)).orElseGet(() -> modes.effective("", pluginId)));
        List<Map<String, Object>> routes = new ArrayList<>();
        for (RouteEntry route : plugins.routeTable().routes()) {
            if (route.owner().id().equals(pluginId)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", route.id());
                putMode(entry, modes.effective(route.id(), pluginId));
                routes.add(entry);
            }
        }
        json.put("routes", routes);
        return json;
    }
}
