package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.plugins.BoardsPlugin;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmokeTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("boards").classes(BoardsPlugin.class))
            .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
            .build();

    @Test
    void pluginServesItsClaimAndFallbackServesTheRest() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> claimed = client.send(
                HttpRequest.newBuilder(gateway.uri("/api/boards/abc%3D")).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println(claimed.statusCode() + " " + claimed.headers().map() + " " + claimed.body());
        HttpResponse<String> other = client.send(
                HttpRequest.newBuilder(gateway.uri("/api/other?x=1")).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(other.statusCode() + " " + other.body());
        HttpResponse<String> admin = client.send(
                HttpRequest.newBuilder(gateway.uri("/admin/plugins")).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(admin.statusCode() + " " + admin.body());
        HttpResponse<String> nf = client.send(
                HttpRequest.newBuilder(gateway.uri("/nothing")).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(nf.statusCode() + " " + nf.headers().map() + nf.body());
        HttpResponse<String> health = client.send(
                HttpRequest.newBuilder(gateway.uri("/observe/health")).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(health.statusCode() + " " + health.body());
        HttpResponse<String> metrics = client.send(
                HttpRequest.newBuilder(gateway.uri("/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(metrics.statusCode() + " "
                + metrics.body().lines().filter(l -> l.contains("gateway_")).toList());
        assertThat(claimed.statusCode()).isEqualTo(200);
    }
}
