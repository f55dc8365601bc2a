package com.mirogateway.platform.host.routing;

import io.helidon.config.Config;
import java.util.HashMap;
import java.util.Map;

/**
 * The modes plugins' configuration gives their routes, read once at startup:
 *
 * <pre>
 * plugins:
 *   orders:
 *     route-modes:
 *       default: {mode: shadow}                 # every route of the plugin not named below
 *       routes:
 *         - {route: "GET:/api/orders/{orderId}", mode: canary, canary-percent: 10, fallback-to-legacy: true}
 * </pre>
 *
 * <p>Routes are a list (not a map) because route ids contain characters configuration keys cannot.
 *
 * @param routes modes by route id
 * @param plugins default modes by plugin id
 * @param defaultMode {@code routing.default-mode}
 */
record ConfiguredModes(Map<String, RouteMode> routes, Map<String, RouteMode> plugins, RouteMode defaultMode) {

    ConfiguredModes {
        routes = Map.copyOf(routes);
        plugins = Map.copyOf(plugins);
    }

    /**
     * Reads every plugin's {@code route-modes}.
     *
     * @param pluginsNode the {@code plugins} node
     * @param defaultMode {@code routing.default-mode}
     * @return the configured modes
     * @throws InvalidRouteModeException naming the key of an unusable entry
     */
    static ConfiguredModes from(Config pluginsNode, RouteMode defaultMode) {
        Map<String, RouteMode> routes = new HashMap<>();
        Map<String, RouteMode> plugins = new HashMap<>();
        for (Config plugin : pluginsNode.asNodeList().orElse(java.util.List.of())) {
            Config modes = plugin.get("route-modes");
            if (modes.get("default").exists()) {
                plugins.put(plugin.name(), RouteMode.from(modes.get("default")));
            }
            for (Config route : modes.get("routes").asNodeList().orElse(java.util.List.of())) {
                String id = route.get("route")
                        .asString()
                        .orElseThrow(() -> new InvalidRouteModeException(
                                route.key() + ".route: missing (a route id such as GET:/api/boards/{boardId})"));
                routes.put(id, RouteMode.from(route));
            }
        }
        return new ConfiguredModes(routes, plugins, defaultMode);
    }

    boolean isTrivial() {
        return routes.isEmpty() && plugins.isEmpty() && defaultMode.isDirect();
    }

    RouteMode resolve(String routeId, String pluginId) {
        RouteMode mode = routes.get(routeId);
        if (mode != null) {
            return mode;
        }
        mode = plugins.get(pluginId);
        return mode != null ? mode : defaultMode;
    }

    Effective effective(String routeId, String pluginId) {
        RouteMode mode = routes.get(routeId);
        if (mode != null) {
            return new Effective(mode, Effective.Source.CONFIG_ROUTE);
        }
        mode = plugins.get(pluginId);
        return mode != null
                ? new Effective(mode, Effective.Source.CONFIG_PLUGIN)
                : new Effective(defaultMode, Effective.Source.DEFAULT);
    }
}
