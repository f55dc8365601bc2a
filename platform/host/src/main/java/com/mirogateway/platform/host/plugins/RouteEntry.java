package com.mirogateway.platform.host.plugins;

import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.webserver.http.Handler;
import java.util.Optional;

/**
 * One claimed route: method, template, owning plugin and its handler.
 *
 * @param method the claimed method
 * @param template the parsed template
 * @param owner the plugin that claimed it
 * @param handler the plugin's handler
 * @param matcher the template's matcher (yields the path parameters; see {@link SegmentMatcher})
 * @param id the route's stable id, {@code METHOD:template} (see {@link #idOf(Method, String)})
 * @param publicAccess whether the route is served without a bearer token ({@code Routes.claimPublic})
 */
public record RouteEntry(
        Method method,
        RouteTemplate template,
        PluginRuntime owner,
        Handler handler,
        PathMatcher matcher,
        String id,
        boolean publicAccess) {

    static RouteEntry create(Method method, String template, PluginRuntime owner, Handler handler) {
        return create(method, template, owner, handler, false);
    }

    static RouteEntry create(
            Method method, String template, PluginRuntime owner, Handler handler, boolean publicAccess) {
        RouteTemplate parsed = RouteTemplate.parse(template);
        return new RouteEntry(
                method, parsed, owner, handler, SegmentMatcher.create(parsed), idOf(method, template), publicAccess);
    }

    /**
     * The id ops use for a claim: the method, a colon and the path template exactly as claimed, e.g.
     * {@code GET:/api/boards/{boardId}}. Stable as long as the plugin claims the same template; in a URL it is one
     * percent-encoded path segment.
     *
     * @param method the claimed method
     * @param template the claimed template
     * @return the id
     */
    public static String idOf(Method method, String template) {
        return method.text() + ":" + template;
    }

    /**
     * The path as the host may log or echo it: the request path with the values of secret parameters (named
     * {@code secret} or {@code …Secret}) replaced by {@code [redacted]}; empty when the template has none.
     *
     * @param path the request path this route matched
     * @return the redacted path, if anything was redacted
     */
    public Optional<String> redacted(String path) {
        return template.hasSecrets() ? Optional.of(template.redact(path)) : Optional.empty();
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
