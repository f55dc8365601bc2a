package com.mirogateway.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the assembled folder and the tarball hold. */
class DistributionLayoutIT {
    private static final List<String> PLUGINS = List.of("board-sync", "legacy-proxy", "webhooks");
    /** Packages the host provides; a plugin jar bundling any of them is refused at load time. */
    private static final List<String> HOST_PACKAGES =
            List.of("io/helidon/", "org/pf4j/", "com/mirogateway/platform/", "com/fasterxml/jackson/", "org/slf4j/");

    private final Distribution distribution = Distribution.current();

    @Test
    void tarballUnpacksToOneVersionedFolderWithAnExecutableLauncher() throws Exception {
        String top = "miro-gateway-" + distribution.version() + "/";
        List<String> listing = tarListing(distribution.tarball());

        assertThat(listing).allSatisfy(line -> assertThat(line).contains(" " + top));
        assertThat(listing)
                .anySatisfy(line -> assertThat(line).startsWith("-rwxr-xr-x").endsWith(" " + top + "bin/gateway"));
        assertThat(listing)
                .anySatisfy(line -> assertThat(line).endsWith(" " + top + "conf/application.yaml"))
                .anySatisfy(line -> assertThat(line).endsWith(" " + top + "conf/logging.properties"))
                .anySatisfy(line -> assertThat(line).endsWith(" " + top + "static/index.html"))
                .anySatisfy(
                        line -> assertThat(line).endsWith(" " + top + "static/" + distribution.version() + "/app.js"))
                .anySatisfy(line ->
                        assertThat(line).endsWith(" " + top + "lib/platform-host-" + distribution.version() + ".jar"));
        for (String plugin : PLUGINS) {
            assertThat(listing)
                    .anySatisfy(line -> assertThat(line)
                            .endsWith(" " + top + "plugins/" + plugin + "-" + distribution.version() + ".jar"));
        }
    }

    @Test
    void launcherIsExecutableInTheFolder() throws IOException {
        assertThat(Files.getPosixFilePermissions(distribution.launcher()))
                .contains(
                        PosixFilePermission.OWNER_EXECUTE,
                        PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE);
    }

    @Test
    void pluginsFolderHoldsTheThreePluginJarsWithoutHostClasses() {
        List<Path> jars = files("plugins");

        assertThat(jars)
                .extracting(jar -> jar.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(PLUGINS.stream()
                        .map(id -> id + "-" + distribution.version() + ".jar")
                        .toList());
        for (Path jar : jars) {
            assertThat(entries(jar)).as("entries of %s", jar.getFileName()).contains("plugin.properties");
            assertThat(entries(jar))
                    .as("host classes bundled in %s", jar.getFileName())
                    .noneMatch(entry ->
                            entry.endsWith(".class") && HOST_PACKAGES.stream().anyMatch(entry::startsWith));
        }
    }

    @Test
    void libHoldsTheHostAndItsRuntimeDependenciesOnly() {
        List<String> names =
                files("lib").stream().map(jar -> jar.getFileName().toString()).toList();

        assertThat(names)
                .contains(
                        "platform-host-" + distribution.version() + ".jar",
                        "platform-api-" + distribution.version() + ".jar",
                        "pf4j-3.15.0.jar",
                        "helidon-webserver-4.5.0.jar")
                .allMatch(name -> name.endsWith(".jar"))
                .noneMatch(name -> PLUGINS.stream().anyMatch(plugin -> name.startsWith(plugin + "-")))
                .noneMatch(name -> Stream.of("junit", "assertj", "awaitility", "wiremock", "platform-testkit")
                        .anyMatch(name::contains));
    }

    @Test
    void entryPointReferencesTheAssetsOfItsVersion() throws IOException {
        String index = Files.readString(distribution.home().resolve("static/index.html"), StandardCharsets.UTF_8);

        assertThat(index)
                .contains("/static/" + distribution.version() + "/app.js")
                .contains("/static/" + distribution.version() + "/app.css")
                .doesNotContain("${");
        assertThat(distribution.home().resolve("static/" + distribution.version() + "/app.js"))
                .isRegularFile();
        assertThat(distribution.home().resolve("static/" + distribution.version() + "/app.css"))
                .isRegularFile();
    }

    @Test
    void loggingWritesJsonLinesToStandardOutput() throws IOException {
        assertThat(Files.readAllLines(distribution.home().resolve("conf/logging.properties")))
                .contains("handlers=com.mirogateway.platform.host.logging.StdoutJsonHandler");
    }

    private List<Path> files(String folder) {
        try (Stream<Path> files = Files.list(distribution.home().resolve(folder))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> entries(Path jar) {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                names.add(entries.nextElement().getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** {@code tar -tvzf}: one line per entry, starting with its mode and ending with its path. */
    private static List<String> tarListing(Path tarball) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-tvzf", tarball.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as("tar -tvzf %s: %s", tarball, output).isZero();
        return output.lines().toList();
    }
}
