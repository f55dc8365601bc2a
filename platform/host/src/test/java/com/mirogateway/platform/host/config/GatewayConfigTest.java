package com.mirogateway.platform.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
    @TempDir
    Path dir;

    private Path yaml(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void laterLayersWinOverEarlierOnes() throws IOException {
        Path base = yaml("application.yaml", """
                server:
                  port: 8080
                  host: 0.0.0.0
                legacy:
                  base-url: http://base
                  read-timeout: PT30S
                gateway:
                  data-dir: data
                """);
        Path extra = yaml("extra.yaml", """
                legacy:
                  base-url: http://from-file
                server:
                  host: 127.0.0.1
                """);
        Config config = GatewayConfig.load(
                base,
                Map.of(
                        "GATEWAY_CONFIG", extra.toString(),
                        "GATEWAY_LEGACY_BASE_URL", "http://from-env",
                        "GATEWAY_SERVER_PORT", "9090",
                        "GATEWAY_GATEWAY_DATA_DIR", "/var/lib/gw",
                        "PATH", "/usr/bin"),
                Map.of("server.port", "0"));

        assertThat(config.get("legacy.base-url").asString().get()).isEqualTo("http://from-env");
        assertThat(config.get("server.host").asString().get()).isEqualTo("127.0.0.1");
        assertThat(config.get("server.port").asInt().get())
                .as("explicit override wins")
                .isZero();
        assertThat(config.get("legacy.read-timeout").asString().get()).isEqualTo("PT30S");
        assertThat(config.get("gateway.data-dir").asString().get()).isEqualTo("/var/lib/gw");
        assertThat(config.get("path").exists())
                .as("only GATEWAY_ variables are read")
                .isFalse();
    }

    @Test
    void environmentNamesMapToKnownKeysWithDashesElseToDots() {
        Map<String, String> mapped = GatewayConfig.fromEnvironment(
                Map.of("GATEWAY_LEGACY_BASE_URL", "a", "GATEWAY_PLUGINS_BOARD_SYNC_FRESH_FOR", "b", "HOME", "/root"),
                Set.of("legacy.base-url"));
        assertThat(mapped)
                .containsEntry("legacy.base-url", "a")
                .containsEntry("plugins.board.sync.fresh.for", "b")
                .hasSize(2);
        assertThat(GatewayConfig.envName("plugins.board-sync.fresh-for")).isEqualTo("PLUGINS_BOARD_SYNC_FRESH_FOR");
    }

    @Test
    void missingExtraFileIsAClearError() throws IOException {
        Path base = yaml("application.yaml", "server:\n  port: 8080\n");
        assertThatThrownBy(() -> GatewayConfig.load(base, Map.of("GATEWAY_CONFIG", "/nope.yaml"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEWAY_CONFIG")
                .hasMessageContaining("/nope.yaml");
    }
}
