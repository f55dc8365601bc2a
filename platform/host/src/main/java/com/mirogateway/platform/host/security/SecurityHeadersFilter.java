package com.mirogateway.platform.host.security;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;

/**
 * Headers every routed response carries: {@code X-Content-Type-Options: nosniff}; {@code Strict-Transport-Security}
 * when the listener serves TLS; and {@code Cache-Control: no-store} on responses of paths that need a token, unless
 * the handler set its own {@code Cache-Control} (a cached board response may say {@code private, max-age=...}).
 */
final class SecurityHeadersFilter implements Filter {
    private static final HeaderName NOSNIFF = HeaderNames.X_CONTENT_TYPE_OPTIONS;

    private final AccessPolicy policy;
    private final Optional<String> hsts;

    SecurityHeadersFilter(AccessPolicy policy, Optional<String> hsts) {
        this.policy = policy;
        this.hsts = hsts;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header(NOSNIFF, "nosniff");
        hsts.ifPresent(value -> res.header(HeaderNames.STRICT_TRANSPORT_SECURITY, value));
        if (!policy.isPublic(req.prologue().uriPath().path())) {
            res.beforeSend(() -> {
                if (!res.headers().contains(HeaderNames.CACHE_CONTROL)) {
                    res.header(HeaderNames.CACHE_CONTROL, "no-store");
                }
            });
        }
        chain.proceed();
    }
}
