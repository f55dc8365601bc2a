package com.mirogateway.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GATEWAY_*} variables given to {@code bin/gateway}, in both spellings, and one that names no usable key. */
class EnvironmentVariablesIT {
    private final Distribution distribution = Distribution.current();
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path temp;

    @Test
    void helidonsSpellingOfADashStartsTheGatewayAndTakesEffect() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(
                distribution.launcher(),
                "environment-helidon-spelling",
                distribution.logs(),
                GatewayProcess.environment(Map.of(
                        "GATEWAY_SECURITY_ROLES__CLAIM", "groups",
                        "GATEWAY_STATIC_ENTRY__MAX__AGE", "PT7M",
                        "GATEWAY_GATEWAY_DATA__DIR", temp.resolve("data").toString())),
                GatewayProcess.freePort())) {
            gateway.awaitHealthy(client);

            HttpResponse<Void> entry = client.send(
                    HttpRequest.newBuilder(gateway.uri("/static/index.html")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(entry.statusCode()).isEqualTo(200);
            assertThat(entry.headers().firstValue("Cache-Control")).hasValue("public, max-age=420");
            assertThat(temp.resolve("data")).isDirectory();
        }
    }

    @Test
    void aVariableNamingNoUsableKeyStopsStartupWithOneLineNamingIt() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(
                distribution.launcher(),
                "environment-unmappable",
                distribution.logs(),
                GatewayProcess.environment(Map.of(
                        "GATEWAY_SERVER_PORT_NUMBER",
                        "1",
                        "GATEWAY_GATEWAY_DATA_DIR",
                        temp.resolve("data").toString())),
                GatewayProcess.freePort())) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);

            List<String> lines = gateway.stdoutLines();
            assertThat(lines)
                    .last()
                    .asString()
                    .contains("\"level\":\"SEVERE\"")
                    .contains("Gateway failed to start: GATEWAY_SERVER_PORT_NUMBER cannot be mapped: it would set "
                            + "server.port.number, but server.port is a setting, not a section")
                    .doesNotContain("\"error\"");
            assertThat(gateway.output()).doesNotContain("Exception").doesNotContain("\tat ");
            // bin/gateway makes the data folder for its class-data archive; no store may have been opened in it
            try (Stream<Path> files =
                    Files.exists(temp.resolve("data")) ? Files.list(temp.resolve("data")) : Stream.empty()) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as("nothing started")
                        .allMatch(name -> name.endsWith(".jsa"));
            }
        }
    }
}
