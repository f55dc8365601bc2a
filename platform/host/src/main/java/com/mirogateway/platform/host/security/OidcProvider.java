package com.mirogateway.platform.host.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One OIDC issuer: its discovery document and its signing keys, fetched lazily and cached.
 *
 * <p>The discovery document is fetched once (retried at most every {@code minInterval} while it fails). The key set is
 * fetched on first use, again when older than {@code ttl}, and again when a token names a key it does not hold (key
 * rotation), never more often than every {@code minInterval}. When a refetch fails, the keys held so far stay in use.
 * Thread-safe: lookups read volatile snapshots; fetches are serialised on one lock.
 */
final class OidcProvider {
    private static final System.Logger LOG = System.getLogger(OidcProvider.class.getName());

    /** The asymmetric JWS algorithms the gateway can verify (EdDSA needs an extra library and is left out). */
    static final Set<JWSAlgorithm> ASYMMETRIC;

    static {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        algorithms.addAll(JWSAlgorithm.Family.RSA);
        algorithms.addAll(JWSAlgorithm.Family.EC);
        ASYMMETRIC = Set.copyOf(algorithms);
    }

    private record Metadata(URI jwksUri, Set<JWSAlgorithm> advertised) {}

    private record Keys(JWKSet set, Instant fetchedAt) {}

    private final String issuer;
    private final DocumentFetcher fetcher;
    private final Clock clock;
    private final Duration ttl;
    private final Duration minInterval;
    private final Object lock = new Object();
    private volatile Metadata metadata;
    private volatile Keys keys;
    private Instant lastDiscoveryAttempt = Instant.MIN;
    private Instant lastKeysAttempt = Instant.MIN;

    OidcProvider(String issuer, DocumentFetcher fetcher, Clock clock, Duration ttl, Duration minInterval) {
        this.issuer = issuer;
        this.fetcher = fetcher;
        this.clock = clock;
        this.ttl = ttl;
        this.minInterval = minInterval;
    }

    /** The issuer, exactly as configured; a token's {@code iss} must equal it. */
    String issuer() {
        return issuer;
    }

    /** Fetches the discovery document and the keys now, logging (not throwing) a failure; for startup. */
    void warmUp() {
        try {
            keys();
            LOG.log(
                    Level.INFO,
                    "OIDC issuer {0}: discovery and signing keys loaded, accepting {1}",
                    issuer,
                    accepted());
        } catch (ProviderUnavailableException e) {
            LOG.log(
                    Level.WARNING,
                    "OIDC issuer " + issuer + " is not reachable yet; requests needing a token get 503 "
                            + "until it is: " + e.getMessage());
        }
    }

    /**
     * The algorithms a token may be signed with: those the issuer advertises ({@code
     * id_token_signing_alg_values_supported}), else those its keys name, else RS256; only ever asymmetric ones.
     *
     * @throws ProviderUnavailableException if the provider has never been reachable
     */
    Set<JWSAlgorithm> accepted() {
        Set<JWSAlgorithm> advertised = metadata().advertised();
        if (!advertised.isEmpty()) {
            return advertised;
        }
        Set<JWSAlgorithm> fromKeys = new LinkedHashSet<>();
        for (JWK key : keys().set().getKeys()) {
            if (key.getAlgorithm() != null
                    && ASYMMETRIC.contains(JWSAlgorithm.parse(key.getAlgorithm().getName()))) {
                fromKeys.add(JWSAlgorithm.parse(key.getAlgorithm().getName()));
            }
        }
        return fromKeys.isEmpty() ? Set.of(JWSAlgorithm.RS256) : Set.copyOf(fromKeys);
    }

    /**
     * The issuer's signing keys that fit a token's header (key id, key type for the algorithm, signature use). If none
     * does, the key set is fetched again (rate-limited) and searched once more.
     *
     * @throws ProviderUnavailableException if the provider has never been reachable
     */
    List<JWK> keysFor(JWSHeader header) {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        if (matcher == null) {
            return List.of();
        }
        JWKSelector selector = new JWKSelector(matcher);
        Keys seen = keys();
        List<JWK> found = selector.select(seen.set());
        if (!found.isEmpty()) {
            return found;
        }
        return selector.select(refreshAfterUnknownKey(seen).set());
    }

    private Metadata metadata() {
        Metadata current = metadata;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (metadata != null) {
                return metadata;
            }
            Instant now = clock.instant();
            if (!lastDiscoveryAttempt.equals(Instant.MIN) && now.isBefore(lastDiscoveryAttempt.plus(minInterval))) {
                throw new ProviderUnavailableException("OIDC discovery failed recently; retrying later", null);
            }
            lastDiscoveryAttempt = now;
            metadata = discover();
            return metadata;
        }
    }

    private Metadata discover() {
        URI uri = URI.create(stripSlash(issuer) + "/.well-known/openid-configuration");
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(fetcher.fetch(uri));
        } catch (IOException | ParseException e) {
            throw new ProviderUnavailableException("Cannot read " + uri + ": " + e.getMessage(), e);
        }
        Object announced = document.get("issuer");
        if (!issuer.equals(announced)) {
            throw new ProviderUnavailableException(
                    "The discovery document at " + uri + " names issuer '" + announced
                            + "', not the configured security.issuer '" + issuer + "' (they must match exactly)",
                    null);
        }
        if (!(document.get("jwks_uri") instanceof String jwksUri) || jwksUri.isBlank()) {
            throw new ProviderUnavailableException("The discovery document at " + uri + " has no jwks_uri", null);
        }
        Set<JWSAlgorithm> advertised = new LinkedHashSet<>();
        if (document.get("id_token_signing_alg_values_supported") instanceof List<?> names) {
            for (Object name : names) {
                if (name instanceof String s && ASYMMETRIC.contains(JWSAlgorithm.parse(s))) {
                    advertised.add(JWSAlgorithm.parse(s));
                }
            }
        }
        return new Metadata(URI.create(jwksUri), Set.copyOf(advertised));
    }

    private Keys keys() {
        Keys current = keys;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.fetchedAt().plus(ttl))) {
            return current;
        }
        synchronized (lock) {
            if (keys != null && now.isBefore(keys.fetchedAt().plus(ttl))) {
                return keys;
            }
            return fetchKeys(keys);
        }
    }

    private Keys refreshAfterUnknownKey(Keys seen) {
        synchronized (lock) {
            if (!Objects.equals(keys, seen)) { // another thread fetched meanwhile
                return keys;
            }
            return fetchKeys(seen);
        }
    }

    /** Fetches the key set unless one was fetched less than minInterval ago; keeps {@code fallback} on failure. */
    private Keys fetchKeys(Keys fallback) {
        Instant now = clock.instant();
        if (!lastKeysAttempt.equals(Instant.MIN) && now.isBefore(lastKeysAttempt.plus(minInterval))) {
            if (fallback == null) {
                throw new ProviderUnavailableException("Fetching the OIDC signing keys failed recently", null);
            }
            return fallback;
        }
        lastKeysAttempt = now;
        URI uri = metadata().jwksUri();
        try {
            keys = new Keys(JWKSet.parse(fetcher.fetch(uri)), now);
            return keys;
        } catch (IOException | ParseException e) {
            if (fallback == null) {
                throw new ProviderUnavailableException("Cannot read the signing keys at " + uri, e);
            }
            LOG.log(
                    Level.WARNING,
                    "Cannot refresh the signing keys at " + uri + "; keeping the ones fetched at "
                            + fallback.fetchedAt() + ": " + e.getMessage());
            return fallback;
        }
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
