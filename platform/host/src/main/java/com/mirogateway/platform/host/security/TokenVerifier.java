package com.mirogateway.platform.host.security;

import com.mirogateway.platform.api.Caller;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an OIDC access token and says who it belongs to.
 *
 * <p>Order of checks: a signed JWT (not {@code alg: none}, not encrypted); an algorithm the issuer uses (asymmetric
 * only, so an HS256 token "signed" with the issuer's public key fails here); {@code iss} equals the configured issuer
 * (before any key lookup, so a foreign token never triggers a key fetch); a key of the issuer's set matching {@code
 * kid} and algorithm (refetched once, rate-limited, on an unknown {@code kid}); the signature; {@code exp} present and
 * not passed, {@code nbf} not in the future (both with the configured clock skew); {@code aud} naming this gateway;
 * {@code sub} present. Thread-safe.
 */
final class TokenVerifier {
    private final OidcProvider provider;
    private final Set<String> audiences;
    private final String rolesClaim;
    private final Duration skew;
    private final Clock clock;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    TokenVerifier(OidcProvider provider, List<String> audiences, String rolesClaim, Duration skew, Clock clock) {
        this.provider = provider;
        this.audiences = Set.copyOf(audiences);
        this.rolesClaim = rolesClaim;
        this.skew = skew;
        this.clock = clock;
    }

    /**
     * Verifies a token.
     *
     * @param token the bearer token, as sent
     * @return the caller it names
     * @throws TokenRejectedException naming the failed check
     * @throws ProviderUnavailableException if the issuer's keys cannot be had
     */
    Caller verify(String token) throws TokenRejectedException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new TokenRejectedException("The bearer token is not a well-formed JWT", e);
        }
        if (jwt instanceof PlainJWT) {
            throw new TokenRejectedException("The bearer token is not signed (alg none)");
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            throw new TokenRejectedException("Encrypted bearer tokens are not accepted");
        }
        JWSHeader header = signed.getHeader();
        if (!provider.accepted().contains(header.getAlgorithm())) {
            throw new TokenRejectedException("The token's signing algorithm is not one the issuer uses");
        }
        JWTClaimsSet claims = claims(signed);
        if (!provider.issuer().equals(claims.getIssuer())) {
            throw new TokenRejectedException("The token was issued by another issuer (iss)");
        }
        verifySignature(signed, header);
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new TokenRejectedException("The token has no expiry (exp)");
        }
        if (now.isAfter(exp.toInstant().plus(skew))) {
            throw new TokenRejectedException("The token has expired (exp)");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
            throw new TokenRejectedException("The token is not valid yet (nbf)");
        }
        List<String> aud = claims.getAudience();
        if (aud == null || aud.stream().noneMatch(audiences::contains)) {
            throw new TokenRejectedException("The token is not meant for this gateway (aud)");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new TokenRejectedException("The token names no subject (sub)");
        }
        return new Caller(subject, clientId(claims), ClaimPath.strings(claims.getClaims(), rolesClaim));
    }

    private void verifySignature(SignedJWT signed, JWSHeader header) throws TokenRejectedException {
        List<JWK> candidates = provider.keysFor(header);
        if (candidates.isEmpty()) {
            throw new TokenRejectedException("The token's signing key (kid) is not in the issuer's key set");
        }
        for (JWK key : candidates) {
            try {
                if (key instanceof AsymmetricJWK asymmetric
                        && signed.verify(verifier(header, asymmetric.toPublicKey()))) {
                    return;
                }
            } catch (JOSEException e) {
                // an unusable key or a signature of the wrong shape: try the next key, then reject
            }
        }
        throw new TokenRejectedException("The token's signature is invalid");
    }

    private JWSVerifier verifier(JWSHeader header, PublicKey key) throws JOSEException {
        JWSAlgorithm alg = header.getAlgorithm();
        if (!OidcProvider.ASYMMETRIC.contains(alg)) {
            throw new JOSEException("not an asymmetric algorithm");
        }
        return verifiers.createJWSVerifier(header, key);
    }

    private static JWTClaimsSet claims(SignedJWT signed) throws TokenRejectedException {
        try {
            return signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejectedException("The token's claims are not a JSON object", e);
        }
    }

    private static Optional<String> clientId(JWTClaimsSet claims) {
        for (String name : List.of("azp", "client_id")) {
            if (claims.getClaim(name) instanceof String value && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
