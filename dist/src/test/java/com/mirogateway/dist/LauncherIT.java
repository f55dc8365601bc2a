package com.mirogateway.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code bin/gateway} finds its home and its Java runtime, and what it does when it cannot start. */
class LauncherIT {
    private static final Path JVMS = Path.of("/usr/lib/jvm");
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
    private static final Pattern STARTED_ON = Pattern.compile("since JVM startup\\. Java (\\d+)");

    @TempDir
    Path temp;

    private final Distribution distribution = Distribution.current();
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void symlinkedLauncherPicksAJava21UnderUsrLibJvmWhenThePathJavaIs17() throws Exception {
        Optional<Path> java17 = jdks().stream().filter(jdk -> major(jdk) < 21).findFirst();
        assumeThat(java17).as("an older JDK under %s", JVMS).isPresent();
        assumeThat(jdks().stream().anyMatch(jdk -> major(jdk) >= 21))
                .as("a JDK 21+ under %s", JVMS)
                .isTrue();
        Path pathDir = Files.createDirectories(temp.resolve("old-java-bin"));
        Files.createSymbolicLink(pathDir.resolve("java"), java17.get().resolve("bin/java"));
        Path linked = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(linked.resolve("miro-gateway"), distribution.launcher());
        Map<String, String> environment = Map.of(
                "PATH",
                pathDir + ":/usr/local/bin:/usr/bin:/bin",
                "GATEWAY_SECURITY_ENABLED",
                "false",
                "GATEWAY_GATEWAY_DATA_DIR",
                temp.resolve("data").toString());

        try (GatewayProcess gateway = GatewayProcess.start(
                linked.resolve("miro-gateway"),
                "launcher-java-17-on-path",
                distribution.logs(),
                environment,
                GatewayProcess.freePort())) {
            gateway.awaitHealthy(client);

            assertThat(startedOnJava(gateway.stdoutLines()))
                    .hasValueSatisfying(major -> assertThat(major).isGreaterThanOrEqualTo(21));
            gateway.terminate();
            assertThat(gateway.awaitExit(Duration.ofSeconds(15))).isEqualTo(143);
        }
    }

    @Test
    void exitsWithStatus1AndSaysWhyWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
                GatewayProcess gateway = GatewayProcess.start(
                        distribution.launcher(),
                        "launcher-port-taken",
                        distribution.logs(),
                        GatewayProcess.environment(Map.of(
                                "GATEWAY_GATEWAY_DATA_DIR", temp.resolve("data").toString())),
                        taken.getLocalPort())) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(gateway.stdoutLines())
                    .last()
                    .asString()
                    .contains("\"level\":\"SEVERE\"")
                    .contains("Gateway failed to start");
        }
    }

    private static List<Path> jdks() {
        if (!Files.isDirectory(JVMS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(JVMS)) {
            return entries.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")) && major(jdk) > 0)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int major(Path jdk) {
        try {
            Path release = jdk.resolve("release");
            if (!Files.isRegularFile(release)) {
                return 0;
            }
            Matcher matcher = RELEASE_VERSION.matcher(Files.readString(release));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Integer> startedOnJava(List<String> lines) {
        return lines.stream()
                .map(STARTED_ON::matcher)
                .filter(Matcher::find)
                .map(matcher -> Integer.parseInt(matcher.group(1)))
                .findFirst();
    }
}
