package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.plugins.SecuredApiPlugin;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CORS for the configured Node client origin, in front of bearer authentication. */
class CorsTest {
    static final String CLIENT = "https://app.example.com";
    static final Oidc IDP = Oidc.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("secured").classes(SecuredApiPlugin.class))
            .config("security.enabled", "true")
            .config("security.issuer", IDP.issuer())
            .config("security.audience", Oidc.AUDIENCE)
            .config("security.jwks-refresh-min-interval", "PT1S")
            .config("security.fetch-timeout", "PT30S") // a loaded CI machine answers slowly
            .config("cors.allowed-origins", CLIENT + ", http://localhost:3000")
            .build();

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    @Test
    void allowedOriginGetsCorsHeadersAndOnlyTheExposedHeadersItNeeds() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway.uri("/api/whoami"))
                .header("Origin", CLIENT)
                .header("Authorization", "Bearer " + token()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CLIENT);
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValue("X-Request-Id, X-Cache, Age, Location, Retry-After");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials"))
                .as("credentials only when configured")
                .isEmpty();
        assertThat(response.headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));
    }

    @Test
    void allowedOriginCanReadA401() {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(gateway.uri("/api/whoami")).header("Origin", CLIENT));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CLIENT);
    }

    @Test
    void otherOriginGetsNoCorsHeaders() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway.uri("/api/whoami"))
                .header("Origin", "https://evil.example.com")
                .header("Authorization", "Bearer " + token()));

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
                .isEmpty();
    }

    @Test
    void preflightIsAnsweredWithoutAToken() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway.uri("/api/boards/abc"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", CLIENT)
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization, content-type"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CLIENT);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
                .contains("GET", "POST", "PATCH", "DELETE");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("Authorization", "Content-Type", "X-Request-Id", "Last-Event-ID");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
    }

    @Test
    void preflightFromAnotherOriginIsRefusedWithoutCorsHeaders() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway.uri("/api/boards/abc"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "DELETE"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
                .isEmpty();
    }

    private static String token() {
        return IDP.sign(new JWTClaimsSet.Builder()
                .issuer(IDP.issuer())
                .audience(Oidc.AUDIENCE)
                .subject("cors-user")
                .claim("roles", List.of())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return Http.send(request.timeout(Duration.ofSeconds(20)).build());
    }
}
