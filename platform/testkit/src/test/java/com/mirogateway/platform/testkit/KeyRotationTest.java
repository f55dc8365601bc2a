package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.plugins.SecuredApiPlugin;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider rotates its signing key; the gateway picks up the new key on the first token naming it. */
class KeyRotationTest {
    static final Oidc IDP = Oidc.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("secured").classes(SecuredApiPlugin.class))
            .config("security.enabled", "true")
            .config("security.issuer", IDP.issuer())
            .config("security.audience", Oidc.AUDIENCE)
            .config("security.fetch-timeout", "PT30S") // a loaded CI machine answers slowly
            .config("security.jwks-refresh-min-interval", "PT1S")
            .build();

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    @Test
    void tokenSignedWithARotatedKeyIsAcceptedAfterTheKeySetIsFetchedAgain() throws JOSEException {
        String before = issue("before-rotation");
        assertThat(get(before).statusCode()).isEqualTo(200);

        RSAKey next = new RSAKeyGenerator(2048).keyID("rotated-1").generate();
        IDP.rotate(next);
        String after = issue("after-rotation");
        assertThat(after).isNotEqualTo(before);

        await("the unknown kid makes the gateway fetch the key set again (at most once a second)")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> get(after).statusCode() == 200);
        assertThat(Json.parse(get(after).body()).path("subject").asText()).isEqualTo("after-rotation");
        assertThat(get(before).statusCode())
                .as("the retired key is no longer in the provider's key set")
                .isEqualTo(401);
    }

    private static String issue(String subject) {
        return IDP.server
                .issueToken(
                        Oidc.ISSUER_ID,
                        "node-client",
                        new DefaultOAuth2TokenCallback(
                                Oidc.ISSUER_ID, subject, "JWT", List.of(Oidc.AUDIENCE), Map.of(), 3600))
                .serialize();
    }

    private static HttpResponse<String> get(String token) {
        return Http.send(HttpRequest.newBuilder(gateway.uri("/api/whoami"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20))
                .build());
    }
}
