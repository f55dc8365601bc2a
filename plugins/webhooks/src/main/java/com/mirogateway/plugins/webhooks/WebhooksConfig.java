package com.mirogateway.plugins.webhooks;

import io.helidon.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The plugin's settings, {@code plugins.webhooks.*}; every key is documented with its default in
 * {@code conf/application.yaml}.
 *
 * @param publicBaseUrl the gateway's address as Miro reaches it (scheme, host, optional port and path); callback URLs
 *     of new subscriptions start with it. Empty: subscriptions cannot be created (deliveries are still received)
 * @param maxBodySize largest delivery body in bytes; a bigger one gets 413 and is not stored
 * @param waitForCacheMin first delay before an event is tried again while board-sync is not running
 * @param waitForCacheMax longest such delay; between the two the delay grows with the time the event has waited
 * @param retention how long a processed delivery is kept (also how long a repeated delivery is recognised)
 */
record WebhooksConfig(
        Optional<URI> publicBaseUrl,
        int maxBodySize,
        Duration waitForCacheMin,
        Duration waitForCacheMax,
        Duration retention) {

    /**
     * Reads the section.
     *
     * @param node the {@code plugins.webhooks} node
     * @return the settings
     * @throws IllegalArgumentException naming the key, if a value is invalid
     */
    static WebhooksConfig from(Config node) {
        Optional<URI> base =
                node.get("public-base-url").asString().filter(s -> !s.isBlank()).map(s -> baseUrl(node, s));
        int maxBodySize = node.get("max-body-size").asInt().orElse(262_144);
        if (maxBodySize < 1024) {
            throw new IllegalArgumentException(node.get("max-body-size").key() + " must be at least 1024 bytes");
        }
        Duration min = duration(node.get("wait-for-cache.min"), Duration.ofSeconds(5));
        Duration max = duration(node.get("wait-for-cache.max"), Duration.ofMinutes(5));
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException(node.get("wait-for-cache.max").key() + " must not be below min");
        }
        return new WebhooksConfig(base, maxBodySize, min, max, duration(node.get("retention"), Duration.ofDays(7)));
    }

    private static URI baseUrl(Config node, String value) {
        URI uri;
        try {
            uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(node.get("public-base-url").key() + " is not a URL", e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || uri.getHost() == null
                || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw new IllegalArgumentException(node.get("public-base-url").key()
                    + " must be an absolute http(s) URL without query, such as https://gateway.example.com");
        }
        return uri;
    }

    private static Duration duration(Config node, Duration defaultValue) {
        Duration value;
        try {
            value = node.as(Duration.class).orElse(defaultValue);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(node.key() + " must be an ISO-8601 duration such as PT5S", e);
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(node.key() + " must be a positive duration");
        }
        return value;
    }
}
