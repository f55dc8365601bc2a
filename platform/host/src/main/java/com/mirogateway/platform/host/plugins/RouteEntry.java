package com.mirogateway.platform.host.plugins;

import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;

/**
 * One claimed route: method, template, owning plugin and its handler.
 *
 * @param method the claimed method
 * @param template the parsed template
 * @param owner the plugin that claimed it
 * @param handler the plugin's handler
 * @param matcher Helidon's matcher for the template (yields the path parameters)
 */
public record RouteEntry(
        Method method, RouteTemplate template, PluginRuntime owner, Handler handler, PathMatcher matcher) {

    static RouteEntry create(Method method, String template, PluginRuntime owner, Handler handler) {
        return new RouteEntry(method, RouteTemplate.parse(template), owner, handler, PathMatchers.create(template));
    }

    /** The path template as claimed, e.g. {@code /api/boards/{boardId}}. */
    public String path() {
        return template.text();
    }

    /** The route as ops see it, e.g. {@code GET /api/boards/{boardId}}. */
    public String describe() {
        return method.text() + " " + template.text();
    }
}
