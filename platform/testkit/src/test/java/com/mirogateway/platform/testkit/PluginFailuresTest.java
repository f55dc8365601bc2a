package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.plugins.BoardsPlugin;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import com.mirogateway.platform.testkit.plugins.RivalBoardsPlugin;
import com.mirogateway.platform.testkit.plugins.ThrowingPlugin;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PluginFailuresTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("a-boards").classes(BoardsPlugin.class))
            .plugin(PluginJar.of("b-rival").classes(RivalBoardsPlugin.class))
            .plugin(PluginJar.of("thrower").classes(ThrowingPlugin.class))
            .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
            .plugin(PluginJar.of("bundler")
                    .classes(BoardsPlugin.class)
                    .entry("io/helidon/webserver/Sneaky.class", "not really a class".getBytes(StandardCharsets.UTF_8)))
            .plugin(PluginJar.of("empty"))
            .plugin(PluginJar.of("future")
                    .classes(BoardsPlugin.class)
                    .entry(
                            "plugin.properties",
                            "plugin.id=future\nplugin.version=1.0.0\nplugin.requires=>=99.0.0\n"
                                    .getBytes(StandardCharsets.UTF_8)))
            .build();

    @Test
    void pluginThatThrowsOnStartIsFailedAndItsRoutesFallBack() {
        var thrower = Json.plugin(Http.get(gateway.uri("/admin/plugins")).body(), "thrower");
        assertThat(thrower.path("state").asText()).isEqualTo("FAILED");
        assertThat(thrower.path("failureReason").asText()).contains("cannot reach its database");
        assertThat(thrower.path("routes")).isEmpty();
        assertThat(Http.get(gateway.uri("/api/anything")).body()).isEqualTo("legacy GET /api/anything");
    }

    @Test
    void laterConflictingClaimFailsNamingBothPluginsAndTheFirstKeepsServing() {
        var rival = Json.plugin(Http.get(gateway.uri("/admin/plugins")).body(), "b-rival");
        assertThat(rival.path("state").asText()).isEqualTo("FAILED");
        assertThat(rival.path("failureReason").asText())
                .contains("b-rival")
                .contains("a-boards")
                .contains("/api/boards/{id}");
        assertThat(Http.get(gateway.uri("/api/boards/b1")).body()).contains("\"servedBy\":\"plugin\"");
        assertThat(Http.get(gateway.uri("/api/rival-only")).body())
                .as("none of a failed plugin's claims is published")
                .isEqualTo("legacy GET /api/rival-only");
    }

    @Test
    void enablingAFailedPluginReportsTheFailureAsConflict() {
        HttpResponse<String> response = Http.post(gateway.uri("/admin/plugins/thrower/enable"));
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Json.parse(response.body()).path("detail").asText()).contains("cannot reach its database");
    }

    @Test
    void jarBundlingPlatformClassesIsRefusedWithItsReason() {
        var bundler = Json.plugin(Http.get(gateway.uri("/admin/plugins")).body(), "bundler");
        assertThat(bundler.path("state").asText()).isEqualTo("FAILED");
        assertThat(bundler.path("failureReason").asText())
                .contains("io/helidon/**")
                .contains("provided");
    }

    @Test
    void bundledPluginWhoseRequiresRangeRefusesThePlatformIsFailedNamingBoth() {
        var future = Json.plugin(Http.get(gateway.uri("/admin/plugins")).body(), "future");
        assertThat(future.path("state").asText()).isEqualTo("FAILED");
        assertThat(future.path("failureReason").asText())
                .contains("requires platform >=99.0.0")
                .contains("this gateway is 0.1.0");
    }

    @Test
    void pluginWithoutExtensionIsFailed() {
        var empty = Json.plugin(Http.get(gateway.uri("/admin/plugins")).body(), "empty");
        assertThat(empty.path("state").asText()).isEqualTo("FAILED");
        assertThat(empty.path("failureReason").asText()).contains("exactly one @Extension");
    }

    @Test
    void failedPluginsDoNotFailReadinessAndAreListedInHealthDetails() {
        HttpResponse<String> health = Http.get(gateway.uri("/observe/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"thrower\":\"FAILED\"").contains("\"a-boards\":\"STARTED\"");
    }
}
