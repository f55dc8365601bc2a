package com.mirogateway.platform.host.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An OIDC provider as documents served by a {@link DocumentFetcher}; counts fetches; can fail or rotate keys. */
final class FakeProvider implements DocumentFetcher {
    static final String ISSUER = "https://idp.example.com/realms/miro";
    static final URI DISCOVERY = URI.create(ISSUER + "/.well-known/openid-configuration");

    final AtomicInteger discoveryFetches = new AtomicInteger();
    final AtomicInteger keyFetches = new AtomicInteger();
    volatile String discovery = discovery(ISSUER, "[\"RS256\",\"HS256\",\"none\"]");
    volatile List<RSAKey> keys;
    volatile boolean down;

    FakeProvider() {
        keys = List.of(newKey("k1"));
    }

    static String discovery(String issuer, String algorithms) {
        return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + ISSUER + "/keys\""
                + (algorithms == null ? "" : ",\"id_token_signing_alg_values_supported\":" + algorithms) + "}";
    }

    private static final java.util.Map<String, RSAKey> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A key per kid, generated once per test run (RSA generation is slow on small machines). */
    static RSAKey newKey(String kid) {
        return KEYS.computeIfAbsent(kid, id -> {
            try {
                return new RSAKeyGenerator(2048).keyID(id).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public String fetch(URI uri) throws IOException {
        if (down) {
            throw new IOException("connection refused");
        }
        if (uri.equals(DISCOVERY)) {
            discoveryFetches.incrementAndGet();
            return discovery;
        }
        keyFetches.incrementAndGet();
        return new JWKSet(keys.stream().map(k -> (JWK) k.toPublicJWK()).toList()).toString();
    }

    static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
