package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.plugins.BoardsPlugin;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import org.junit.jupiter.api.Test;

class RestartTest {
    @Test
    void disabledStateSurvivesARestart() {
        try (TestGateway gateway = TestGateway.builder()
                .plugin(PluginJar.of("boards").classes(BoardsPlugin.class))
                .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
                .build()
                .start()) {
            assertThat(Http.post(gateway.uri("/admin/plugins/boards/disable")).statusCode())
                    .isEqualTo(200);

            gateway.restart();

            var boards = Json.plugin(Http.get(gateway.uri("/admin/plugins")).body(), "boards");
            assertThat(boards.path("state").asText()).isEqualTo("DISABLED");
            assertThat(Http.get(gateway.uri("/api/boards/b1")).body()).isEqualTo("legacy GET /api/boards/b1");

            assertThat(Http.post(gateway.uri("/admin/plugins/boards/enable")).statusCode())
                    .isEqualTo(200);
            gateway.restart();
            assertThat(Http.get(gateway.uri("/api/boards/b1")).body()).contains("\"servedBy\":\"plugin\"");
        }
    }
}
