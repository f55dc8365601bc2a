package com.mirogateway.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Maven that runs this build, as a plugin team would on its own machine: its local repository is the one the
 * SDK was installed into ({@code kit.sdk.repo}), and everything else comes from this build's local repository, read
 * as a {@code file://} remote through a settings file, so no network is needed.
 */
record Maven(Path home, Path localRepository, Path settings, Path logs) {

    /** The Maven of this build, from the system properties failsafe sets; writes its settings file into {@code work}. */
    static Maven current(Path work, Path logs) {
        Path settings = work.resolve("settings.xml");
        String buildRepository = Path.of(property("kit.maven.repo")).toUri().toString();
        try {
            Files.writeString(settings, """
                    <settings>
                      <mirrors>
                        <mirror>
                          <id>build-repository</id>
                          <mirrorOf>*,!central</mirrorOf>
                          <url>%1$s</url>
                        </mirror>
                      </mirrors>
                      <profiles>
                        <profile>
                          <id>build-repository</id>
                          <repositories>
                            <repository>
                              <id>central</id>
                              <url>%1$s</url>
                              <releases><checksumPolicy>ignore</checksumPolicy></releases>
                              <snapshots><enabled>false</enabled></snapshots>
                            </repository>
                          </repositories>
                          <pluginRepositories>
                            <pluginRepository>
                              <id>central</id>
                              <url>%1$s</url>
                              <releases><checksumPolicy>ignore</checksumPolicy></releases>
                              <snapshots><enabled>false</enabled></snapshots>
                            </pluginRepository>
                          </pluginRepositories>
                        </profile>
                      </profiles>
                      <activeProfiles>
                        <activeProfile>build-repository</activeProfile>
                      </activeProfiles>
                    </settings>
                    """.formatted(buildRepository), StandardCharsets.UTF_8);
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Maven(Path.of(property("kit.maven.home")), Path.of(property("kit.sdk.repo")), settings, logs);
    }

    /**
     * Runs Maven in {@code dir} and fails with the end of its output unless it succeeds within ten minutes.
     *
     * @param name the log file's name
     * @param dir the working folder
     * @param arguments goals and {@code -D} options
     */
    void run(String name, Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/mvn").toString(),
                "-B",
                "-s",
                settings.toString(),
                "-Dmaven.repo.local=" + localRepository));
        command.addAll(List.of(arguments));
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_OPTS");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(process.isAlive() ? -1 : process.exitValue())
                .as(
                        "mvn %s in %s; end of %s:%n%s",
                        String.join(" ", arguments),
                        dir,
                        log,
                        String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())))
                .isZero();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven");
        }
        return value;
    }
}
