package com.mirogateway.platform.host.security;

import com.mirogateway.platform.api.ProblemException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * CORS, before authentication: answers preflights itself (they carry no token) and adds CORS headers to the responses
 * of allowed origins. An origin not in {@code cors.allowed-origins} gets no CORS headers at all, and its preflight a
 * 403 problem, so the browser blocks the call.
 *
 * <p>Runs on the request's thread; stateless after construction.
 */
final class CorsFilter implements Filter {
    private static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    private static final HeaderName REQUEST_HEADERS = HeaderNames.create("Access-Control-Request-Headers");

    private final Set<String> origins;
    private final String methods;
    private final String headers;
    private final String exposed;
    private final boolean credentials;
    private final String maxAge;

    CorsFilter(CorsConfig config) {
        this.origins = Set.copyOf(config.allowedOrigins());
        this.methods = String.join(", ", config.allowedMethods());
        this.headers = String.join(", ", config.allowedHeaders());
        this.exposed = String.join(", ", config.exposedHeaders());
        this.credentials = config.allowCredentials();
        this.maxAge = Long.toString(config.maxAge().toSeconds());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.VARY, "Origin");
        boolean allowed = origins.contains(origin.get().toLowerCase(Locale.ROOT));
        boolean preflight =
                Method.OPTIONS.equals(req.prologue().method()) && req.headers().contains(REQUEST_METHOD);
        if (preflight) {
            if (!allowed) {
                throw new ProblemException(
                        Status.FORBIDDEN_403,
                        "cors-origin-not-allowed",
                        "Cross-origin requests from this origin are " + "not allowed (cors.allowed-origins)");
            }
            allowOrigin(res, origin.get());
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, methods);
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, headers);
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, maxAge);
            res.header(
                    HeaderNames.VARY, "Origin, " + REQUEST_METHOD.defaultCase() + ", " + REQUEST_HEADERS.defaultCase());
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        if (allowed) {
            allowOrigin(res, origin.get());
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, exposed);
        }
        chain.proceed();
    }

    private void allowOrigin(RoutingResponse res, String origin) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (credentials) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
    }
}
