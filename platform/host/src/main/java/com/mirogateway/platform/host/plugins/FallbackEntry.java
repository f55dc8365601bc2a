package com.mirogateway.platform.host.plugins;

import io.helidon.webserver.http.Handler;

/**
 * A plugin's terminal default for a path prefix: serves what no claim matches under it.
 *
 * @param prefix the absolute prefix without a trailing slash, e.g. {@code /api}
 * @param owner the plugin that holds it
 * @param handler the plugin's handler
 */
public record FallbackEntry(String prefix, PluginRuntime owner, Handler handler) {

    static FallbackEntry create(String prefix, PluginRuntime owner, Handler handler) {
        if (prefix == null || !prefix.startsWith("/")) {
            throw new IllegalArgumentException("Fallback prefix must start with '/': " + prefix);
        }
        String normalised = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        RouteTemplate.parse(normalised.isEmpty() ? "/" : normalised); // validates the characters
        return new FallbackEntry(normalised, owner, handler);
    }

    boolean covers(String path) {
        return prefix.isEmpty()
                || path.equals(prefix)
                || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
    }
}
