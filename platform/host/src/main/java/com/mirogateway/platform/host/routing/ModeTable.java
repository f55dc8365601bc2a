package com.mirogateway.platform.host.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of every mode setting, read by the dispatcher on each request to a claimed route.
 *
 * <p>A route's mode is the first of: ops' setting for the route, ops' setting for its plugin, the plugin's
 * configuration for the route ({@code plugins.<id>.route-modes.routes}), the plugin's configured default
 * ({@code plugins.<id>.route-modes.default}), {@code routing.default-mode}. A table with no settings at all and the
 * default {@code plugin} is <em>trivial</em>: every route is served directly by its plugin, which the dispatcher
 * checks with one field read.
 */
final class ModeTable {
    private final long revision;
    private final Map<String, RouteMode> opsRoutes;
    private final Map<String, RouteMode> opsPlugins;
    private final ConfiguredModes configured;
    private final boolean trivial;

    private ModeTable(
            long revision,
            Map<String, RouteMode> opsRoutes,
            Map<String, RouteMode> opsPlugins,
            ConfiguredModes configured) {
        this.revision = revision;
        this.opsRoutes = opsRoutes;
        this.opsPlugins = opsPlugins;
        this.configured = configured;
        this.trivial = opsRoutes.isEmpty() && opsPlugins.isEmpty() && configured.isTrivial();
    }

    static ModeTable of(long revision, List<RouteModeStore.Row> rows, ConfiguredModes configured) {
        Map<String, RouteMode> routes = new HashMap<>();
        Map<String, RouteMode> plugins = new HashMap<>();
        for (RouteModeStore.Row row : rows) {
            (RouteModeStore.PLUGIN.equals(row.scope()) ? plugins : routes).put(row.target(), row.mode());
        }
        return new ModeTable(revision, Map.copyOf(routes), Map.copyOf(plugins), configured);
    }

    long revision() {
        return revision;
    }

    boolean isTrivial() {
        return trivial;
    }

    /** Whether the stored settings are those of {@code rows} (so a refresh need not publish a new table). */
    boolean holds(List<RouteModeStore.Row> rows) {
        ModeTable other = of(revision, rows, configured);
        return other.opsRoutes.equals(opsRoutes) && other.opsPlugins.equals(opsPlugins);
    }

    RouteMode resolve(String routeId, String pluginId) {
        RouteMode mode = opsRoutes.get(routeId);
        if (mode != null) {
            return mode;
        }
        mode = opsPlugins.get(pluginId);
        return mode != null ? mode : configured.resolve(routeId, pluginId);
    }

    /** The mode of a route and where it comes from. */
    Effective effective(String routeId, String pluginId) {
        RouteMode mode = opsRoutes.get(routeId);
        if (mode != null) {
            return new Effective(mode, Effective.Source.ROUTE);
        }
        mode = opsPlugins.get(pluginId);
        if (mode != null) {
            return new Effective(mode, Effective.Source.PLUGIN);
        }
        return configured.effective(routeId, pluginId);
    }

    /** Ops' setting for a plugin's routes, if any. */
    Optional<RouteMode> pluginSetting(String pluginId) {
        return Optional.ofNullable(opsPlugins.get(pluginId));
    }
}
