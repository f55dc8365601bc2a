package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.plugins.BoardsPlugin;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Canary stickiness by the default key, the token's subject: one client address, many users, each on one side. */
class CanaryBySubjectTest {
    static final Oidc IDP = Oidc.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("boards").classes(BoardsPlugin.class))
            .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
            .config("security.enabled", "true")
            .config("security.issuer", IDP.issuer())
            .config("security.audience", Oidc.AUDIENCE)
            .config("security.fetch-timeout", "PT30S")
            .build();

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    private static String token(String subject, List<String> roles) {
        Instant now = Instant.now();
        return IDP.sign(new JWTClaimsSet.Builder()
                .issuer(IDP.issuer())
                .audience(Oidc.AUDIENCE)
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) {
        return Http.send(request.header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20))
                .build());
    }

    @Test
    void eachUserStaysOnOneSideWhileTheSharedAddressDecidesNothing() {
        HttpResponse<String> put = send(
                HttpRequest.newBuilder(gateway.uri("/admin/routes/GET%3A%2Fapi%2Fboards%2F%7BboardId%7D/mode"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"canary\",\"canaryPercent\":50}")),
                token("ops-person", List.of("ops")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        Set<Boolean> sidesSeen = new HashSet<>();
        for (int user = 0; user < 20; user++) {
            String token = token("user-" + user, List.of());
            Set<Boolean> sides = new HashSet<>();
            for (int request = 0; request < 3; request++) {
                HttpResponse<String> response = send(
                        HttpRequest.newBuilder(gateway.uri("/api/boards/b" + request))
                                .GET(),
                        token);
                assertThat(response.statusCode()).isEqualTo(200);
                sides.add(response.body().contains("\"servedBy\":\"plugin\""));
            }
            assertThat(sides).as("user-" + user).hasSize(1);
            sidesSeen.addAll(sides);
        }

        assertThat(sidesSeen).containsExactlyInAnyOrder(true, false);
    }
}
