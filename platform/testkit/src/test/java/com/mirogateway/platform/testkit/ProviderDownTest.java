package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.plugins.SecuredApiPlugin;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The identity provider is unreachable: the gateway still starts, public paths work, token checks answer 503. */
class ProviderDownTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("secured").classes(SecuredApiPlugin.class))
            .config("security.enabled", "true")
            .config("security.issuer", "http://127.0.0.1:" + closedPort() + "/realms/miro")
            .config("security.audience", "miro-gateway")
            .config("security.fetch-timeout", "PT1S")
            .build();

    @Test
    void requestsNeedingATokenAreServiceUnavailableWhilePublicPathsWork() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(gateway.uri("/api/whoami"))
                .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")
                .timeout(Duration.ofSeconds(20))
                .build());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(Json.parse(response.body()).path("type").asText())
                .isEqualTo("urn:miro-gateway:problem:identity-provider-unavailable");
        assertThat(Http.get(gateway.uri("/observe/health")).statusCode()).isEqualTo(200);
        assertThat(Http.get(gateway.uri("/api/whoami")).statusCode())
                .as("no token is still a 401, provider or not")
                .isEqualTo(401);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
