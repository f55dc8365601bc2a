package com.mirogateway.platform.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
    void environmentNamesMapToKnownKeysInEitherSpellingElseByHelidonsRule() throws IOException {
        Path base = yaml("application.yaml", """
                legacy:
                  base-url: http://base
                security:
                  roles-claim: roles
                """);
        Config config = GatewayConfig.load(
                base,
                Map.of(
                        "GATEWAY_LEGACY_BASE_URL", "http://plain",
                        "GATEWAY_SECURITY_ROLES__CLAIM", "groups",
                        "GATEWAY_PLUGINS_BOARD__SYNC_FRESH__FOR", "PT5S",
                        "GATEWAY_PLUGINS_DEMO_LEVEL", "3",
                        "HOME", "/root"),
                Map.of());

        assertThat(config.get("legacy.base-url").asString().get()).isEqualTo("http://plain");
        assertThat(config.get("security.roles-claim").asString().get()).isEqualTo("groups");
        assertThat(config.get("plugins.board-sync.fresh-for").asString().get()).isEqualTo("PT5S");
        assertThat(config.get("plugins.demo.level").asString().get()).isEqualTo("3");
    }

    @Test
    void aVariableNamingAListSetsTheWholeList() throws IOException {
        Path base = yaml("application.yaml", """
                diff:
                  headers: [content-type, etag, age]
                  ignore-fields: []
                """);
        Config config = GatewayConfig.load(
                base, Map.of("GATEWAY_DIFF_HEADERS", "x-one, x-two", "GATEWAY_DIFF_IGNORE__FIELDS", "id"), Map.of());

        assertThat(config.get("diff.headers").asList(String.class).get()).containsExactly("x-one", "x-two");
        assertThat(config.get("diff.ignore-fields").asList(String.class).get()).containsExactly("id");
        Config emptied = GatewayConfig.load(base, Map.of("GATEWAY_DIFF_HEADERS", ""), Map.of());
        assertThat(emptied.get("diff.headers").asList(String.class).orElse(List.of()))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unmappableVariables")
    void aVariableThatCannotBeMappedIsAOneLineErrorNamingItAndItsKey(String variable, String key, String reason)
            throws IOException {
        Path base = yaml("application.yaml", """
                server:
                  port: 8080
                security:
                  roles-claim: roles
                routing:
                  diff:
                    headers: [content-type]
                  modes:
                    - route: GET:/a
                      mode: shadow
                """);
        Map<String, String> environment = new HashMap<>(Map.of(variable, "1"));
        if (variable.equals("GATEWAY_SECURITY_ROLES__CLAIM")) {
            environment.put("GATEWAY_SECURITY_ROLES_CLAIM", "1");
        }

        assertThatThrownBy(() -> GatewayConfig.load(base, environment, Map.of()))
                .isInstanceOf(EnvironmentVariableException.class)
                .hasMessageStartingWith(variable + " cannot be mapped: it would set " + key + ", ")
                .hasMessageContaining(reason)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    static Stream<Arguments> unmappableVariables() {
        return Stream.of(
                Arguments.of("GATEWAY_SECURITY_ROLES___CLAIM", "security.roles-.claim", "is not a key"),
                Arguments.of("GATEWAY_SECURITY_", "security.", "is not a key"),
                Arguments.of("GATEWAY__SECURITY", ".security", "is not a key"),
                Arguments.of("GATEWAY_", "", "is not a key"),
                Arguments.of("GATEWAY_SERVER_PORT_NUMBER", "server.port.number", "server.port is a setting"),
                Arguments.of("GATEWAY_SECURITY", "security", "security is a section"),
                Arguments.of("GATEWAY_ROUTING_DIFF_HEADERS_X", "routing.diff.headers.x", "is a list"),
                Arguments.of("GATEWAY_ROUTING_MODES", "routing.modes", "a list of sections"),
                Arguments.of(
                        "GATEWAY_SECURITY_ROLES__CLAIM",
                        "security.roles-claim",
                        "which GATEWAY_SECURITY_ROLES_CLAIM sets as well"));
    }

    @Test
    void aVariableInsideAnotherVariablesSettingIsRefused() throws IOException {
        Path base = yaml("application.yaml", "server:\n  port: 8080\n");
        assertThatThrownBy(() -> GatewayConfig.load(
                        base, Map.of("GATEWAY_PLUGINS_DEMO", "a", "GATEWAY_PLUGINS_DEMO_LEVEL", "b"), Map.of()))
                .isInstanceOf(EnvironmentVariableException.class)
                .hasMessage("GATEWAY_PLUGINS_DEMO_LEVEL cannot be mapped: it would set plugins.demo.level, inside "
                        + "plugins.demo, which GATEWAY_PLUGINS_DEMO sets");
    }

    @Test
    void aNameTwoKeysShareIsRefusedWithBothKeys() throws IOException {
        Path base = yaml("application.yaml", "a:\n  b-c: 1\n  b:\n    c: 2\n");
        assertThatThrownBy(() -> GatewayConfig.load(base, Map.of("GATEWAY_A_B_C", "3"), Map.of()))
                .isInstanceOf(EnvironmentVariableException.class)
                .hasMessageContaining("GATEWAY_A_B_C cannot be mapped")
                .hasMessageContaining("[a.b-c, a.b.c]");
        Config config = GatewayConfig.load(base, Map.of("GATEWAY_A_B__C", "3"), Map.of());
        assertThat(config.get("a.b-c").asString().get()).isEqualTo("3");
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
