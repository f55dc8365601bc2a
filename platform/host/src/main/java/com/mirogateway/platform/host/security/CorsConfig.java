package com.mirogateway.platform.host.security;

import io.helidon.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code cors} section: which browser origins may call the gateway.
 *
 * @param allowedOrigins exact origins ({@code https://app.example.com}); empty means no cross-origin access at all
 * @param allowedMethods methods a preflight allows
 * @param allowedHeaders request headers a preflight allows
 * @param exposedHeaders response headers a script may read besides the CORS-safelisted ones
 * @param allowCredentials whether {@code Access-Control-Allow-Credentials: true} is sent (cookies, client certs)
 * @param maxAge how long a browser may cache a preflight answer
 */
record CorsConfig(
        List<String> allowedOrigins,
        List<String> allowedMethods,
        List<String> allowedHeaders,
        List<String> exposedHeaders,
        boolean allowCredentials,
        Duration maxAge) {

    static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    static final List<String> DEFAULT_HEADERS = List.of(
            "Authorization", "Content-Type", "Accept", "X-Request-Id", "traceparent", "If-None-Match", "Last-Event-ID");
    static final List<String> DEFAULT_EXPOSED = List.of("X-Request-Id", "X-Cache", "Age", "Location", "Retry-After");

    /** Reads the section; {@code cors.allowed-origins} entries must be bare origins (scheme, host, optional port). */
    static CorsConfig from(Config cors) {
        List<String> origins = Settings.list(cors.get("allowed-origins")).stream()
                .map(CorsConfig::origin)
                .toList();
        return new CorsConfig(
                origins,
                orDefault(cors.get("allowed-methods"), DEFAULT_METHODS).stream()
                        .map(m -> m.toUpperCase(Locale.ROOT))
                        .toList(),
                orDefault(cors.get("allowed-headers"), DEFAULT_HEADERS),
                orDefault(cors.get("exposed-headers"), DEFAULT_EXPOSED),
                cors.get("allow-credentials").asBoolean().orElse(false),
                Settings.duration(cors.get("max-age"), Duration.ofMinutes(10)));
    }

    private static List<String> orDefault(Config node, List<String> fallback) {
        List<String> values = Settings.list(node);
        return values.isEmpty() ? fallback : values;
    }

    private static String origin(String value) {
        if ("*".equals(value)) {
            throw new SecurityConfigException("cors.allowed-origins: '*' is not supported; list the client's origins");
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new SecurityConfigException("cors.allowed-origins: not an origin: " + value, e);
        }
        boolean bare = (uri.getPath() == null || uri.getPath().isEmpty())
                && uri.getQuery() == null
                && uri.getFragment() == null
                && uri.getUserInfo() == null;
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null || !bare) {
            throw new SecurityConfigException("cors.allowed-origins: '" + value
                    + "' must be an origin like https://app.example.com (scheme, host, optional port; no path)");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
