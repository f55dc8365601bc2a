package com.mirogateway.platform.host.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mirogateway.platform.api.Caller;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
    private final FakeProvider idp = new FakeProvider();
    private final MutableClock clock = new MutableClock();
    private final TokenVerifier verifier = new TokenVerifier(
            new OidcProvider(FakeProvider.ISSUER, idp, clock, Duration.ofMinutes(10), Duration.ofSeconds(30)),
            List.of("miro-gateway", "other-name"),
            "realm_access.roles",
            Duration.ofSeconds(60),
            clock);

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(FakeProvider.ISSUER)
                .audience(List.of("account", "other-name"))
                .subject("svc-1")
                .expirationTime(Date.from(clock.instant().plusSeconds(300)));
    }

    private String sign(JWTClaimsSet claims) {
        RSAKey key = idp.keys.getFirst();
        return FakeProvider.sign(key, claims);
    }

    @Test
    void readsSubjectClientIdFromClientIdAndNestedRoles() throws Exception {
        Caller caller = verifier.verify(sign(claims().claim("client_id", "batch")
                .claim("realm_access", Map.of("roles", List.of("ops")))
                .build()));

        assertThat(caller.subject()).isEqualTo("svc-1");
        assertThat(caller.clientId()).hasValue("batch");
        assertThat(caller.hasRole("ops")).isTrue();
    }

    @Test
    void clockSkewIsTolerated() throws Exception {
        String token = sign(claims().expirationTime(Date.from(clock.instant().minusSeconds(30)))
                .notBeforeTime(Date.from(clock.instant().plusSeconds(30)))
                .build());
        assertThat(verifier.verify(token).clientId()).isEmpty();
    }

    @Test
    void tokenWithoutSubjectIsRejected() {
        String token = sign(claims().subject(null).build());
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining("(sub)");
    }

    @Test
    void tokenWithoutAudienceIsRejected() {
        String token = sign(claims().audience((String) null).build());
        assertThatThrownBy(() -> verifier.verify(token)).hasMessageContaining("(aud)");
    }

    @Test
    void encryptedOrClaimlessTokensAreRejected() {
        assertThatThrownBy(() -> verifier.verify("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d"))
                .isInstanceOf(TokenRejectedException.class);
    }
}
