package com.mirogateway.plugins.legacyproxy;

import io.helidon.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The plugin's settings, read from the top-level {@code legacy} section of the gateway configuration.
 *
 * @param baseUri where the legacy service lives, without a trailing slash; request paths are appended to its path
 * @param connectTimeout how long opening a connection to the legacy service may take
 * @param readTimeout how long the legacy service may stay silent while a response is awaited or read
 * @param maxBodySize the largest request body forwarded, in bytes; {@code -1} for no limit
 * @param connectionPoolSize the most connections open to the legacy service at once, kept alive between requests
 * @param retryIdempotent whether a body-less GET, HEAD or OPTIONS is sent once more on a fresh connection when the
 *     first connection broke before any response
 * @param circuitBreaker the circuit breaker in front of the legacy service
 */
record LegacyProxyConfig(
        URI baseUri,
        Duration connectTimeout,
        Duration readTimeout,
        long maxBodySize,
        int connectionPoolSize,
        boolean retryIdempotent,
        CircuitBreakerSettings circuitBreaker) {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    static final long DEFAULT_MAX_BODY_SIZE = 100L * 1024 * 1024;
    static final int DEFAULT_CONNECTION_POOL_SIZE = 256;

    /**
     * Circuit breaker settings ({@code legacy.circuit-breaker.*}); see Helidon's {@code CircuitBreaker}.
     *
     * @param enabled whether failures open a breaker at all
     * @param volume how many recent calls the error ratio is computed over
     * @param errorRatio the percentage of failed calls among {@code volume} that opens the breaker
     * @param delay how long the breaker stays open (answering 503 at once) before it lets trial calls through
     * @param successThreshold how many trial calls in a row must succeed to close the breaker again
     */
    record CircuitBreakerSettings(boolean enabled, int volume, int errorRatio, Duration delay, int successThreshold) {
        static final CircuitBreakerSettings DEFAULTS =
                new CircuitBreakerSettings(true, 20, 50, Duration.ofSeconds(10), 1);
    }

    /**
     * Reads and validates the section.
     *
     * @param legacy the {@code legacy} node
     * @return the settings
     * @throws LegacyProxyConfigException naming the key, if {@code base-url} is missing or any value is invalid
     */
    static LegacyProxyConfig from(Config legacy) {
        Config cb = legacy.get("circuit-breaker");
        CircuitBreakerSettings defaults = CircuitBreakerSettings.DEFAULTS;
        return new LegacyProxyConfig(
                baseUri(legacy.get("base-url")),
                positive(legacy.get("connect-timeout"), DEFAULT_CONNECT_TIMEOUT),
                positive(legacy.get("read-timeout"), DEFAULT_READ_TIMEOUT),
                maxBodySize(legacy.get("max-body-size")),
                atLeast(legacy.get("connection-pool-size"), 1, DEFAULT_CONNECTION_POOL_SIZE),
                bool(legacy.get("retry-idempotent"), true),
                new CircuitBreakerSettings(
                        bool(cb.get("enabled"), defaults.enabled()),
                        atLeast(cb.get("volume"), 1, defaults.volume()),
                        ratio(cb.get("error-ratio"), defaults.errorRatio()),
                        positive(cb.get("delay"), defaults.delay()),
                        atLeast(cb.get("success-threshold"), 1, defaults.successThreshold())));
    }

    /** The raw base path to prefix request paths with: empty, or {@code /something} without a trailing slash. */
    String basePath() {
        return baseUri.getRawPath();
    }

    /** The base URL without its path: where connections go. */
    URI origin() {
        return URI.create(baseUri.getScheme() + "://" + baseUri.getRawAuthority());
    }

    /** The {@code Host} header value for the legacy service: host, plus the port unless it is the scheme's default. */
    String authority() {
        int port = baseUri.getPort();
        boolean defaultPort = port == -1
                || (port == 80 && baseUri.getScheme().equals("http"))
                || (port == 443 && baseUri.getScheme().equals("https"));
        return defaultPort ? baseUri.getHost() : baseUri.getHost() + ":" + port;
    }

    private static URI baseUri(Config node) {
        String key = node.key().toString();
        String value = node.asString()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .orElseThrow(() -> new LegacyProxyConfigException(key
                        + " is required: the legacy service's URL, such as http://legacy:5000 (environment variable"
                        + " GATEWAY_LEGACY_BASE_URL)"));
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new LegacyProxyConfigException(key + " is not a valid URL: " + e.getMessage(), e);
        }
        String scheme = Optional.ofNullable(uri.getScheme())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .orElse("");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new LegacyProxyConfigException(key
                    + " must be an absolute http:// or https:// URL such as http://legacy:5000, got '" + value + "'");
        }
        if (uri.getHost() == null) {
            throw new LegacyProxyConfigException(key + " must name a host, got '" + value + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new LegacyProxyConfigException(key + " must not hold credentials (user:password@)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new LegacyProxyConfigException(key + " must not have a query or fragment, got '" + value + "'");
        }
        String path = Optional.ofNullable(uri.getRawPath()).orElse("");
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(scheme + "://" + uri.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw new LegacyProxyConfigException(key + " is not a valid URL: " + e.getMessage(), e);
        }
    }

    private static Duration positive(Config node, Duration defaultValue) {
        Duration value = read(node, Duration.class, defaultValue, "an ISO-8601 duration such as PT5S");
        if (value.isNegative() || value.isZero()) {
            throw new LegacyProxyConfigException(node.key() + " must be a positive duration, got " + value);
        }
        return value;
    }

    private static long maxBodySize(Config node) {
        long value = read(node, Long.class, DEFAULT_MAX_BODY_SIZE, "a number of bytes");
        if (value < -1 || value == 0) {
            throw new LegacyProxyConfigException(
                    node.key() + " must be a positive number of bytes, or -1 for no limit, got " + value);
        }
        return value;
    }

    private static int atLeast(Config node, int minimum, int defaultValue) {
        int value = read(node, Integer.class, defaultValue, "a whole number");
        if (value < minimum) {
            throw new LegacyProxyConfigException(node.key() + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    private static int ratio(Config node, int defaultValue) {
        int value = read(node, Integer.class, defaultValue, "a percentage");
        if (value < 1 || value > 100) {
            throw new LegacyProxyConfigException(node.key() + " must be a percentage from 1 to 100, got " + value);
        }
        return value;
    }

    private static boolean bool(Config node, boolean defaultValue) {
        return node.asString()
                .map(s -> parseBoolean(s.trim().toLowerCase(Locale.ROOT), node))
                .orElse(defaultValue);
    }

    private static boolean parseBoolean(String text, Config node) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new LegacyProxyConfigException(node.key() + " must be true or false, got '" + text + "'");
        };
    }

    private static <T> T read(Config node, Class<T> type, T defaultValue, String expected) {
        if (!node.exists()) {
            return defaultValue;
        }
        try {
            return node.as(type).get();
        } catch (RuntimeException e) {
            throw new LegacyProxyConfigException(
                    node.key() + " must be " + expected + ", got '"
                            + node.asString().orElse("") + "'",
                    e);
        }
    }
}
