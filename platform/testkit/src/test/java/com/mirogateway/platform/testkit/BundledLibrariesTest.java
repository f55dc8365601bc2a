package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.plugins.LibraryVersionPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two plugins bundling different versions of one library (commons-lang3 3.12.0 and 3.17.0, copied into
 * target/bundled-libraries by the build) both work in one gateway, each with its own copy: the plugin's class loader
 * looks in the plugin first.
 */
class BundledLibrariesTest {
    private static final Path LIBRARIES = Path.of("target/bundled-libraries");

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(bundling("old-lang", "commons-lang3-3.12.0.jar"))
            .plugin(bundling("new-lang", "commons-lang3-3.17.0.jar"))
            .build();

    /** A plugin jar as gateway-plugin-parent packages one: its classes plus the library's, in one jar. */
    private static PluginJar bundling(String id, String library) {
        PluginJar jar = PluginJar.of(id).classes(LibraryVersionPlugin.class);
        try (JarFile file = new JarFile(LIBRARIES.resolve(library).toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory()
                        && !name.equals("META-INF/MANIFEST.MF")
                        && !name.endsWith("module-info.class")) {
                    jar.entry(name, file.getInputStream(entry).readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    @Test
    void eachPluginUsesTheLibraryVersionItBundles() {
        JsonNode old = Json.parse(Http.get(gateway.uri("/api/libs/old-lang")).body());
        JsonNode fresh = Json.parse(Http.get(gateway.uri("/api/libs/new-lang")).body());

        assertThat(old.path("version").asText()).isEqualTo("3.12.0");
        assertThat(fresh.path("version").asText()).isEqualTo("3.17.0");
        assertThat(old.path("from").asText()).contains("old-lang");
        assertThat(fresh.path("from").asText()).contains("new-lang");
        assertThat(old.path("capitalized").asText()).isEqualTo("Old-lang");
        assertThat(fresh.path("capitalized").asText()).isEqualTo("New-lang");
    }
}
