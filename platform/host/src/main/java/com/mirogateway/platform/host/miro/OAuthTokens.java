package com.mirogateway.platform.host.miro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.api.MiroErrorException;
import com.mirogateway.platform.api.MiroException;
import com.mirogateway.platform.api.MiroRequest;
import com.mirogateway.platform.api.MiroResponse;
import com.mirogateway.platform.api.MiroUnavailableException;
import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.host.security.SecretRef.Secret;
import io.helidon.http.Method;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * OAuth with expiring tokens: the access token is refreshed {@code refresh-ahead} before it expires and once after a
 * 401, with {@code POST <token-path>} ({@code grant_type=refresh_token}, client id and secret in the form body).
 *
 * <p>Miro invalidates the old pair on every refresh, so refreshes are serialised by one lock and a caller that waited
 * for it uses the pair the previous holder got rather than refreshing again. Each new pair is stored encrypted by the
 * {@link TokenVault} before it is used; before refreshing, the vault is read again in case another gateway instance
 * sharing the database rotated the pair first. Tokens never appear in logs or exceptions. Thread-safe.
 */
final class OAuthTokens implements AccessTokens {
    private static final System.Logger LOG = System.getLogger(OAuthTokens.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration NO_EXPIRY = Duration.ofDays(3650);

    private final MiroConfig.OAuth config;
    private final String clientSecret;
    private final MiroTransport transport;
    private final TokenVault vault;
    private final String origin;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile TokenPair pair;

    private OAuthTokens(
            MiroConfig.OAuth config,
            String clientSecret,
            MiroTransport transport,
            TokenVault vault,
            String origin,
            TokenPair pair,
            Clock clock) {
        this.config = config;
        this.clientSecret = clientSecret;
        this.transport = transport;
        this.vault = vault;
        this.origin = origin;
        this.pair = pair;
        this.clock = clock;
    }

    /**
     * Reads the secrets and picks the pair to start from: the stored one, unless ops configured a different refresh
     * token since it was stored (then that one).
     *
     * @throws MiroConfigException if there is neither a stored pair nor a configured refresh token
     */
    static OAuthTokens create(
            MiroConfig.OAuth config, MiroTransport transport, Store store, Map<String, String> env, Clock clock) {
        byte[] key = TokenVault.decodeKey(
                config.encryptionKey().read(env).orElseThrow().value());
        String secret = config.clientSecret().read(env).map(Secret::value).orElseThrow();
        Optional<String> bootstrap = config.refreshToken().read(env).map(Secret::value);
        TokenVault vault = new TokenVault(store, key);
        Optional<TokenVault.Stored> stored = vault.load();
        String origin = bootstrap
                .map(TokenVault::fingerprint)
                .orElse(stored.map(TokenVault.Stored::origin).orElse(""));
        TokenPair start;
        if (stored.isPresent() && stored.get().origin().equals(origin)) {
            start = stored.get().pair();
            LOG.log(Level.INFO, "Miro OAuth: continuing with the stored token pair ({0})", start);
        } else if (bootstrap.isPresent()) {
            start = new TokenPair(Optional.empty(), bootstrap.get(), Instant.EPOCH);
            LOG.log(Level.INFO, "Miro OAuth: starting from the configured refresh token ({0})", config.refreshToken());
        } else {
            throw new MiroConfigException("Miro OAuth has no token to start from: set miro.oauth.refresh-token-env or"
                    + " miro.oauth.refresh-token-file (nothing usable is stored yet)");
        }
        return new OAuthTokens(config, secret, transport, vault, origin, start, clock);
    }

    @Override
    public Optional<String> current() {
        TokenPair seen = pair;
        if (!seen.dueAt(clock.instant(), config.refreshAhead())) {
            return seen.accessToken();
        }
        return Optional.of(refresh(seen, false));
    }

    @Override
    public Optional<String> afterRejection(String rejected) {
        TokenPair seen = pair;
        if (seen.accessToken().isPresent() && !seen.accessToken().get().equals(rejected)) {
            return seen.accessToken(); // refreshed since the rejected token was handed out
        }
        return Optional.of(refresh(seen, true));
    }

    private String refresh(TokenPair seen, boolean rejected) {
        lock.lock();
        try {
            TokenPair now = pair;
            if (!now.equals(seen) && !now.dueAt(clock.instant(), Duration.ZERO)) {
                return now.accessToken().orElseThrow(); // another caller refreshed while this one waited
            }
            Optional<TokenPair> shared = vault.load()
                    .filter(s -> s.origin().equals(origin))
                    .map(TokenVault.Stored::pair)
                    .filter(p -> !p.refreshToken().equals(now.refreshToken()));
            if (shared.isPresent() && !shared.get().dueAt(clock.instant(), config.refreshAhead())) {
                pair = shared.get(); // another instance rotated the pair
                return pair.accessToken().orElseThrow();
            }
            TokenPair base = shared.orElse(now);
            try {
                TokenPair fresh = redeem(base.refreshToken());
                vault.save(fresh, origin);
                pair = fresh;
                LOG.log(
                        Level.INFO,
                        "Miro OAuth: access token refreshed; the new one expires at {0}",
                        fresh.expiresAt());
                return fresh.accessToken().orElseThrow();
            } catch (MiroException e) {
                if (!rejected
                        && base.accessToken().isPresent()
                        && clock.instant().isBefore(base.expiresAt())) {
                    LOG.log(
                            Level.WARNING,
                            "Miro OAuth: refresh failed; using the current token until it expires: " + e.getMessage());
                    return base.accessToken().get();
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private TokenPair redeem(String refreshToken) {
        String form = "grant_type=refresh_token&refresh_token=" + MiroRequest.encode(refreshToken) + "&client_id="
                + MiroRequest.encode(config.clientId()) + "&client_secret=" + MiroRequest.encode(clientSecret);
        MiroResponse response = transport.exchange(
                Method.POST,
                config.tokenPath(),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                form.getBytes(StandardCharsets.UTF_8));
        if (response.status() >= 500) {
            throw new MiroUnavailableException(
                    MiroUnavailableException.Reason.SERVER_ERROR,
                    null,
                    "Miro's token endpoint answered " + response.status(),
                    null);
        }
        if (response.status() != 200) {
            // Whatever status the token endpoint chose, the gateway's credentials were refused: answer as a 401.
            throw new MiroErrorException(
                    MiroResponse.create(401, response.headers(), response.body()),
                    "refreshTokenRejected",
                    "Miro refused to refresh the access token (" + response.status() + ")");
        }
        return parse(response.text())
                .orElseThrow(() -> new MiroErrorException(
                        response, "invalidTokenResponse", "Miro's token endpoint answered without a token pair"));
    }

    private Optional<TokenPair> parse(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        String access = json == null ? "" : json.path("access_token").asText("");
        String refresh = json == null ? "" : json.path("refresh_token").asText("");
        if (access.isEmpty() || refresh.isEmpty()) {
            return Optional.empty();
        }
        long expiresIn = json.path("expires_in").asLong(0);
        Instant expiresAt = clock.instant().plus(expiresIn > 0 ? Duration.ofSeconds(expiresIn) : NO_EXPIRY);
        return Optional.of(new TokenPair(Optional.of(access), refresh, expiresAt));
    }

    @Override
    public String toString() {
        return "OAuth tokens of client " + config.clientId();
    }
}
