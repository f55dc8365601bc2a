package com.mirogateway.platform.api;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;

/**
 * Claims HTTP routes for a plugin.
 *
 * <p>A claim is a method and a path template in Helidon's syntax, for example {@code GET /api/boards/{boardId}/items}.
 * Among the claims of all started plugins the most specific template that matches a request wins (a literal segment
 * beats a {@code {parameter}}, which beats a {@code *} wildcard, from left to right). Two plugins claiming the same
 * method and template conflict: the plugin that starts later fails with a reason naming both.
 *
 * <p>Handlers are ordinary Helidon handlers: {@code req.path().pathParameters()} holds the template's parameters. The
 * host calls them on the request's virtual thread with the plugin's class loader as context class loader; a handler
 * must send its response (or throw) before it returns. A thrown {@link ProblemException} or
 * {@link io.helidon.http.HttpException} becomes a problem response with its status; a {@link MiroException} the handler
 * lets escape becomes the problem its {@link MiroException#toProblem()} says (404 for a board Miro does not have, 429
 * or 503 with {@code Retry-After} when Miro cannot answer now); any other exception becomes a 500 problem without
 * internal detail.
 *
 * <p>A path parameter named {@code secret} or ending in {@code Secret} (such as {@code {subscriptionSecret}} of a
 * webhook callback URL) holds a credential: wherever the host shows or logs the request's path (problem
 * {@code instance}, error logs) its value is replaced by {@code [redacted]}.
 *
 * <p>Claims take effect when {@link GatewayPlugin#start(PluginContext)} returns, all at once.
 */
public interface Routes {

    /**
     * Claims a method and path template.
     *
     * @param method the HTTP method the claim serves
     * @param pathTemplate an absolute path template, such as {@code /api/boards/{boardId}}
     * @param handler the handler that serves matching requests
     * @throws IllegalArgumentException if the template is malformed or this plugin already claimed it
     */
    void claim(Method method, String pathTemplate, Handler handler);

    /**
     * Claims a method and path template that is served without a bearer token, such as a webhook receiver that Miro
     * calls (it authenticates its callers itself, by a secret in the path or a signature). Otherwise like
     * {@link #claim(Method, String, Handler)}. The host logs a plugin's public routes when it starts the plugin and
     * shows them with {@code "public": true} in {@code /admin/routes}; only the claimed method and template are public,
     * never the rest of the path's prefix.
     *
     * @param method the HTTP method the claim serves
     * @param pathTemplate an absolute path template, such as {@code /webhooks/miro/{subscriptionSecret}}
     * @param handler the handler that serves matching requests
     * @throws IllegalArgumentException if the template is malformed or this plugin already claimed it
     * @since 0.1.0
     */
    void claimPublic(Method method, String pathTemplate, Handler handler);

    /**
     * Serves every request under {@code pathPrefix} that no started plugin claims: the terminal default for that
     * prefix, not a rival claim. Only one started plugin may hold the fallback of a prefix.
     *
     * @param pathPrefix an absolute path prefix such as {@code /api}; a request matches it when its path equals the
     *     prefix or continues it with {@code /}
     * @param handler the handler that serves unclaimed requests under the prefix
     * @throws IllegalArgumentException if the prefix is not an absolute path
     */
    void fallback(String pathPrefix, Handler handler);

    /**
     * Claims {@code GET} on a template.
     *
     * @param pathTemplate the path template
     * @param handler the handler
     * @see #claim(Method, String, Handler)
     */
    default void get(String pathTemplate, Handler handler) {
        claim(Method.GET, pathTemplate, handler);
    }

    /**
     * Claims {@code POST} on a template.
     *
     * @param pathTemplate the path template
     * @param handler the handler
     * @see #claim(Method, String, Handler)
     */
    default void post(String pathTemplate, Handler handler) {
        claim(Method.POST, pathTemplate, handler);
    }

    /**
     * Claims {@code PUT} on a template.
     *
     * @param pathTemplate the path template
     * @param handler the handler
     * @see #claim(Method, String, Handler)
     */
    default void put(String pathTemplate, Handler handler) {
        claim(Method.PUT, pathTemplate, handler);
    }

    /**
     * Claims {@code PATCH} on a template.
     *
     * @param pathTemplate the path template
     * @param handler the handler
     * @see #claim(Method, String, Handler)
     */
    default void patch(String pathTemplate, Handler handler) {
        claim(Method.PATCH, pathTemplate, handler);
    }

    /**
     * Claims {@code DELETE} on a template.
     *
     * @param pathTemplate the path template
     * @param handler the handler
     * @see #claim(Method, String, Handler)
     */
    default void delete(String pathTemplate, Handler handler) {
        claim(Method.DELETE, pathTemplate, handler);
    }
}
