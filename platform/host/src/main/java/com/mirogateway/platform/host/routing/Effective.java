package com.mirogateway.platform.host.routing;

/**
 * A route's mode as the dispatcher applies it, and which setting it comes from.
 *
 * @param mode the mode
 * @param source the setting that decided it
 */
public record Effective(RouteMode mode, Source source) {
    /** Where a mode comes from, most specific first. */
    public enum Source {
        /** Ops set it for the route ({@code PUT /admin/routes/{routeId}/mode}). */
        ROUTE("route"),
        /** Ops set it for the route's plugin ({@code PUT /admin/plugins/{id}/route-mode}). */
        PLUGIN("plugin"),
        /** The plugin's configuration names the route ({@code plugins.<id>.route-modes.routes}). */
        CONFIG_ROUTE("config-route"),
        /** The plugin's configured default ({@code plugins.<id>.route-modes.default}). */
        CONFIG_PLUGIN("config-plugin"),
        /** {@code routing.default-mode}. */
        DEFAULT("default");

        private final String text;

        Source(String text) {
            this.text = text;
        }

        /** The name in the ops API. */
        public String text() {
            return text;
        }
    }
}
