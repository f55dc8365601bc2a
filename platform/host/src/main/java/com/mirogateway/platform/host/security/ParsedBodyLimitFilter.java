package com.mirogateway.platform.host.security;

import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.host.plugins.PluginHost;
import com.mirogateway.platform.host.plugins.RouteTable.Resolution;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.OptionalLong;

/**
 * The body limit for requests the gateway itself parses: a declared {@code Content-Length} above {@code
 * gateway.max-body-size} → 413, before any handler reads it. Requests that resolve to a fallback (the legacy proxy)
 * are left to the proxy's own, larger limit ({@code legacy.max-body-size}), and {@code server.max-payload-size} caps
 * every body, chunked ones included.
 */
final class ParsedBodyLimitFilter implements Filter {
    private final PluginHost plugins;
    private final long maxBodySize;

    ParsedBodyLimitFilter(PluginHost plugins, long maxBodySize) {
        this.plugins = plugins;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        OptionalLong length = req.headers().contentLength();
        if (maxBodySize >= 0 && length.isPresent() && length.getAsLong() > maxBodySize && !isPluginUpload(req)) {
            Resolution resolution = plugins.routeTable()
                    .resolve(req.prologue().method(), req.prologue().uriPath());
            if (!(resolution instanceof Resolution.Fallback)) {
                throw new ProblemException(
                        Status.REQUEST_ENTITY_TOO_LARGE_413,
                        "payload-too-large",
                        "The request body is larger than the " + maxBodySize + " bytes this route accepts");
            }
        }
        chain.proceed();
    }

    /** A plugin archive upload ({@code PUT /admin/plugins/{id}}): only {@code server.max-payload-size} applies. */
    private static boolean isPluginUpload(RoutingRequest req) {
        String path = req.prologue().uriPath().path();
        return req.prologue().method().equals(Method.PUT)
                && path.startsWith("/admin/plugins/")
                && path.indexOf('/', "/admin/plugins/".length()) < 0;
    }
}
