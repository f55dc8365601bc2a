package com.mirogateway.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin kit as a team outside this repository uses it: with the SDK installed into a fresh local repository,
 * {@code archetype:generate} makes a standalone project in a folder outside the reactor, {@code mvn package} builds it
 * (its own TestGateway test included), and the distribution loads the jar from its plugins folder and serves the
 * route.
 */
class PluginKitIT {
    private static final Distribution DISTRIBUTION = Distribution.current();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void generatedPluginBuildsOnItsOwnAndRunsInTheDistribution() throws Exception {
        Maven maven = Maven.current(work, DISTRIBUTION.logs().resolve("plugin-kit"));
        long start = System.nanoTime();
        maven.run(
                "archetype-generate",
                work,
                "org.apache.maven.plugins:maven-archetype-plugin:" + archetypePluginVersion() + ":generate",
                "-DarchetypeGroupId=com.mirogateway",
                "-DarchetypeArtifactId=gateway-plugin-archetype",
                "-DarchetypeVersion=" + DISTRIBUTION.version(),
                "-DarchetypeCatalog=local",
                "-DgroupId=com.example",
                "-DartifactId=orders-plugin",
                "-Dversion=1.0.0",
                "-Dpackage=com.example.orders",
                "-DpluginId=orders",
                "-DinteractiveMode=false");
        Path project = work.resolve("orders-plugin");
        assertThat(Files.readString(project.resolve("pom.xml"), StandardCharsets.UTF_8))
                .as("standalone: the parent comes from the repository, not from a folder of this one")
                .contains("<relativePath/>")
                .doesNotContain("../");

        maven.run("plugin-package", project, "package");
        Duration generateToGreen = Duration.ofNanos(System.nanoTime() - start);
        assertThat(project.resolve("target/surefire-reports/TEST-com.example.orders.ItemsPluginTest.xml"))
                .as("the project's own test ran")
                .exists();
        // For the report: how long a team waits from archetype:generate to its first green build here.
        System.out.println("archetype:generate -> first green mvn package: " + generateToGreen.toSeconds() + " s");

        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (Stream<Path> shipped = Files.list(DISTRIBUTION.home().resolve("plugins"))) {
            for (Path jar : shipped.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        Files.copy(
                project.resolve("target/orders-plugin-1.0.0.jar"),
                plugins.resolve("orders-plugin-1.0.0.jar"),
                StandardCopyOption.REPLACE_EXISTING);

        try (GatewayProcess gateway = GatewayProcess.start(
                DISTRIBUTION.launcher(),
                "plugin-kit",
                DISTRIBUTION.logs(),
                GatewayProcess.environment(Map.of(
                        "GATEWAY_GATEWAY_PLUGINS_DIR", plugins.toString(),
                        "GATEWAY_GATEWAY_DATA_DIR", work.resolve("data").toString(),
                        "GATEWAY_LEGACY_BASE_URL", "http://127.0.0.1:9")),
                GatewayProcess.freePort())) {
            gateway.awaitHealthy(CLIENT);

            HttpResponse<String> item = CLIENT.send(
                    HttpRequest.newBuilder(gateway.uri("/api/orders/items/42"))
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(item.statusCode()).as(item.body()).isEqualTo(200);
            JsonNode json = new ObjectMapper().readTree(item.body());
            assertThat(json.path("plugin").asText()).isEqualTo("orders");
            assertThat(json.path("id").asText()).isEqualTo("42");
        }
    }

    private static String archetypePluginVersion() {
        String coordinates = System.getProperty("kit.archetype.plugin");
        return coordinates.substring(coordinates.lastIndexOf(':') + 1);
    }
}
