package com.mirogateway.platform.host.miro;

import com.mirogateway.platform.host.security.SecretRef;
import io.helidon.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code miro} section; every key is documented with its default in {@code conf/application.yaml}.
 *
 * @param baseUri Miro's API root without a trailing slash, e.g. {@code https://api.miro.com}
 * @param connectTimeout longest wait for a connection to Miro
 * @param readTimeout longest silence from Miro while a response is awaited or read
 * @param connectionPoolSize idle keep-alive connections kept to Miro
 * @param accessToken a static access token (non-expiring, or managed outside the gateway), if configured
 * @param oauth OAuth with expiring tokens, if {@code oauth.client-id} is set (it then wins over the static token)
 * @param retry retries of idempotent calls after 5xx or connection errors
 * @param circuitBreaker the breaker in front of Miro
 * @param bulkhead the bound on concurrent calls to Miro
 * @param rateLimit the client-side use of Miro's rate budget
 */
public record MiroConfig(
        URI baseUri,
        Duration connectTimeout,
        Duration readTimeout,
        int connectionPoolSize,
        SecretRef accessToken,
        Optional<OAuth> oauth,
        RetrySettings retry,
        BreakerSettings circuitBreaker,
        BulkheadSettings bulkhead,
        RateLimitSettings rateLimit) {

    /** The default API root. */
    public static final String DEFAULT_BASE_URL = "https://api.miro.com";

    /**
     * OAuth with expiring tokens ({@code miro.oauth.*}).
     *
     * @param clientId the Miro app's client id (not a secret)
     * @param clientSecret the app's client secret
     * @param refreshToken the refresh token to start from, used until the gateway has stored a rotated pair (and again
     *     whenever it is changed)
     * @param encryptionKey the AES key (base64 of 16, 24 or 32 bytes) that encrypts the stored tokens
     * @param tokenPath the token endpoint's path under the base URL
     * @param refreshAhead how long before expiry the access token is refreshed
     */
    public record OAuth(
            String clientId,
            SecretRef clientSecret,
            SecretRef refreshToken,
            SecretRef encryptionKey,
            String tokenPath,
            Duration refreshAhead) {}

    /**
     * Retries ({@code miro.retry.*}).
     *
     * @param attempts most attempts of one idempotent call, the first included
     * @param backoffBase the delay before the first retry (doubled each time, with jitter)
     * @param backoffCap the longest delay between attempts
     */
    public record RetrySettings(int attempts, Duration backoffBase, Duration backoffCap) {}

    /**
     * Circuit breaker ({@code miro.circuit-breaker.*}).
     *
     * @param enabled whether failures open a breaker at all
     * @param volume how many recent calls the error ratio is computed over
     * @param errorRatio the percentage of failed calls that opens the breaker
     * @param delay how long the breaker stays open before trial calls
     * @param successThreshold trial calls that must succeed to close it again
     */
    public record BreakerSettings(boolean enabled, int volume, int errorRatio, Duration delay, int successThreshold) {}

    /**
     * Bulkhead ({@code miro.bulkhead.*}).
     *
     * @param limit most calls to Miro in flight at once
     * @param queueLength most calls waiting for a slot; more are refused at once
     */
    public record BulkheadSettings(int limit, int queueLength) {}

    /**
     * Rate budget ({@code miro.rate-limit.*}).
     *
     * @param creditsPerMinute the budget assumed until Miro's {@code X-RateLimit-Limit} says otherwise
     * @param slowDownBelow percentage of the budget below which calls are spread out over the time to the reset
     * @param backgroundReserve percentage of the budget background jobs leave to interactive calls
     * @param maxWait longest an interactive call waits for the budget (or a 429's reset) before failing
     */
    public record RateLimitSettings(
            long creditsPerMinute, int slowDownBelow, int backgroundReserve, Duration maxWait) {}

    /**
     * Reads the section.
     *
     * @param miro the {@code miro} node
     * @return the configuration
     * @throws MiroConfigException naming the key, if a value is invalid or OAuth lacks a secret reference
     * @throws com.mirogateway.platform.host.security.SecurityConfigException if a secret is written literally
     */
    public static MiroConfig from(Config miro) {
        Config retry = miro.get("retry");
        Config cb = miro.get("circuit-breaker");
        Config bulkhead = miro.get("bulkhead");
        Config rate = miro.get("rate-limit");
        return new MiroConfig(
                baseUri(miro.get("base-url")),
                positive(miro.get("connect-timeout"), Duration.ofSeconds(5)),
                positive(miro.get("read-timeout"), Duration.ofSeconds(15)),
                atLeast(miro.get("connection-pool-size"), 1, 64),
                SecretRef.from(miro, "access-token"),
                oauth(miro.get("oauth")),
                new RetrySettings(
                        atLeast(retry.get("attempts"), 1, 3),
                        positive(retry.get("backoff-base"), Duration.ofMillis(200)),
                        positive(retry.get("backoff-cap"), Duration.ofSeconds(2))),
                new BreakerSettings(
                        cb.get("enabled").asBoolean().orElse(true),
                        atLeast(cb.get("volume"), 1, 20),
                        percent(cb.get("error-ratio"), 1, 50),
                        positive(cb.get("delay"), Duration.ofSeconds(10)),
                        atLeast(cb.get("success-threshold"), 1, 1)),
                new BulkheadSettings(
                        atLeast(bulkhead.get("limit"), 1, 32), atLeast(bulkhead.get("queue-length"), 0, 256)),
                new RateLimitSettings(
                        atLeast(rate.get("credits-per-minute"), 1, 100_000),
                        percent(rate.get("slow-down-below"), 0, 10),
                        percent(rate.get("background-reserve"), 0, 20),
                        nonNegative(rate.get("max-wait"), Duration.ofSeconds(2))));
    }

    private static Optional<OAuth> oauth(Config oauth) {
        Optional<String> clientId = oauth.get("client-id")
                .asString()
                .asOptional()
                .map(String::strip)
                .filter(s -> !s.isEmpty());
        if (clientId.isEmpty()) {
            return Optional.empty();
        }
        SecretRef secret = required(oauth, "client-secret");
        SecretRef key = required(oauth, "token-encryption-key");
        String tokenPath = oauth.get("token-path").asString().orElse("/v1/oauth/token");
        if (!tokenPath.startsWith("/")) {
            throw new MiroConfigException(oauth.key() + ".token-path must be an absolute path, got " + tokenPath);
        }
        return Optional.of(new OAuth(
                clientId.get(),
                secret,
                SecretRef.from(oauth, "refresh-token"),
                key,
                tokenPath,
                nonNegative(oauth.get("refresh-ahead"), Duration.ofMinutes(5))));
    }

    private static SecretRef required(Config node, String name) {
        SecretRef ref = SecretRef.from(node, name);
        if (!ref.isConfigured()) {
            throw new MiroConfigException("OAuth (" + node.key() + ".client-id) needs " + node.key() + "." + name
                    + "-env or " + node.key() + "." + name + "-file");
        }
        return ref;
    }

    private static URI baseUri(Config node) {
        String value =
                node.asString().map(String::strip).filter(s -> !s.isEmpty()).orElse(DEFAULT_BASE_URL);
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getRawQuery() != null) {
                throw new MiroConfigException(
                        node.key() + " must be an http:// or https:// URL without a query, got '" + value + "'");
            }
            String path = Optional.ofNullable(uri.getRawPath()).orElse("").replaceAll("/+$", "");
            return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw new MiroConfigException(node.key() + " is not a valid URL: " + e.getMessage(), e);
        }
    }

    private static Duration positive(Config node, Duration defaultValue) {
        Duration value = duration(node, defaultValue);
        if (value.isZero() || value.isNegative()) {
            throw new MiroConfigException(node.key() + " must be a positive duration, got " + value);
        }
        return value;
    }

    private static Duration nonNegative(Config node, Duration defaultValue) {
        Duration value = duration(node, defaultValue);
        if (value.isNegative()) {
            throw new MiroConfigException(node.key() + " must not be negative, got " + value);
        }
        return value;
    }

    private static Duration duration(Config node, Duration defaultValue) {
        try {
            return node.as(Duration.class).orElse(defaultValue);
        } catch (RuntimeException e) {
            throw new MiroConfigException(node.key() + " must be an ISO-8601 duration such as PT5S", e);
        }
    }

    private static int atLeast(Config node, int minimum, int defaultValue) {
        int value;
        try {
            value = node.asInt().orElse(defaultValue);
        } catch (RuntimeException e) {
            throw new MiroConfigException(node.key() + " must be a whole number", e);
        }
        if (value < minimum) {
            throw new MiroConfigException(node.key() + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    private static int percent(Config node, int minimum, int defaultValue) {
        int value = atLeast(node, minimum, defaultValue);
        if (value > 100) {
            throw new MiroConfigException(node.key() + " is a percentage, at most 100, got " + value);
        }
        return value;
    }
}
