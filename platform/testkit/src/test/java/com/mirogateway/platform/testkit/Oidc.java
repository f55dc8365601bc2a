package com.mirogateway.platform.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OIDC provider (mock-oauth2-server) whose signing key the test knows, so it can also forge tokens the provider
 * would never issue (expired, foreign issuer, wrong audience). The provider serves issuer {@code default} with the
 * key's {@code kid} set to {@code default}.
 */
final class Oidc implements AutoCloseable {
    static final String ISSUER_ID = "default";
    static final String AUDIENCE = "miro-gateway";

    final RSAKey key;
    final MockOAuth2Server server;
    private final KeyProvider keys;

    private Oidc(RSAKey key, MockOAuth2Server server, KeyProvider keys) {
        this.key = key;
        this.server = server;
        this.keys = keys;
    }

    static Oidc start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(ISSUER_ID).generate();
            KeyProvider keys = new KeyProvider(List.of(key), "RS256");
            MockOAuth2Server server =
                    new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys)));
            server.start();
            warmUp(server);
            return new Oidc(key, server, keys);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fetches the discovery document once, so the provider's first (slow, class-loading) answer is not the gateway's
     * startup fetch.
     */
    private static void warmUp(MockOAuth2Server server) {
        try {
            java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            server.wellKnownUrl(ISSUER_ID).uri())
                                    .timeout(java.time.Duration.ofSeconds(60))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The issuer URL, as the provider puts it in {@code iss} and its discovery document. */
    String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** A token signed by {@code signingKey} with the given header algorithm key id. */
    static String sign(RSAKey signingKey, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            JWSSigner signer = new RSASSASigner(signingKey);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Rotates the provider's signing key for issuer {@code default}: from now on it signs with {@code next} and its
     * key set publishes only {@code next}. mock-oauth2-server has no rotation API (and 2.x refuses queued responses),
     * so this replaces the entry in its key map, the one place its issuance and its JWKS endpoint both read.
     */
    @SuppressWarnings("unchecked")
    void rotate(RSAKey next) {
        try {
            java.lang.reflect.Field field = KeyProvider.class.getDeclaredField("signingKeys");
            field.setAccessible(true);
            ((java.util.Map<String, Object>) field.get(keys)).put(ISSUER_ID, next);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("mock-oauth2-server's KeyProvider changed; adapt Oidc.rotate", e);
        }
    }

    /** A token signed with the provider's own key. */
    String sign(JWTClaimsSet claims) {
        return sign(key, ISSUER_ID, claims);
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
