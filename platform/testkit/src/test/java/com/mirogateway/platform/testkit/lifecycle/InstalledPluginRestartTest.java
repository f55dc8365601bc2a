package com.mirogateway.platform.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Uploaded archives survive restarts and win over the bundled jar of the same plugin until removed. */
class InstalledPluginRestartTest {

    @Test
    void uploadedVersionWinsOverTheBundledOneAcrossRestartsUntilRemoved() {
        try (TestGateway gateway = TestGateway.builder()
                .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
                .plugin(Uploads.bundled("1.0.0"))
                .build()
                .start()) {
            assertThat(Uploads.version(gateway)).isEqualTo("1.0.0");
            assertThat(Uploads.put(gateway, Uploads.ID, Uploads.versioned("2.0.0"))
                            .statusCode())
                    .isEqualTo(200);

            gateway.restart();

            assertThat(Uploads.version(gateway)).isEqualTo("2.0.0");
            assertThat(PluginLifecycleTest.plugin(gateway).path("version").asText())
                    .isEqualTo("2.0.0");
            assertThat(Uploads.post(gateway, "/admin/plugins/lifecycle/rollback")
                            .statusCode())
                    .isEqualTo(200);
            // the bundled version, kept as the previous archive
            assertThat(Uploads.version(gateway)).isEqualTo("1.0.0");

            gateway.restart();

            assertThat(Uploads.version(gateway)).isEqualTo("1.0.0");
            assertThat(Uploads.post(gateway, "/admin/plugins/lifecycle/rollback")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(Uploads.version(gateway)).isEqualTo("2.0.0");
            assertThat(TestHttp.delete(gateway.uri("/admin/plugins/lifecycle")).statusCode())
                    .isEqualTo(204);
            assertThat(Uploads.version(gateway)).isEqualTo("legacy GET /api/lifecycle/version");

            gateway.restart();

            assertThat(Uploads.version(gateway)).isEqualTo("1.0.0"); // removed upload: the bundled jar loads again
        }
    }

    @Test
    void newPluginStaysInstalledAcrossARestart() {
        try (TestGateway gateway = TestGateway.builder()
                .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
                .build()
                .start()) {
            assertThat(Uploads.put(gateway, Uploads.ID, Uploads.versioned("3.1.0"))
                            .statusCode())
                    .isEqualTo(201);

            gateway.restart();

            assertThat(Uploads.version(gateway)).isEqualTo("3.1.0");
            assertThat(PluginLifecycleTest.plugin(gateway).path("state").asText())
                    .isEqualTo("STARTED");
        }
    }

    @Test
    void anArchiveAnEarlierVersionKeptAsAFileMovesIntoTheStore() throws Exception {
        try (TestGateway gateway = TestGateway.builder()
                .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
                .build()
                .start()) {
            byte[] jar = Uploads.versioned("2.5.0");
            assertThat(Uploads.put(gateway, Uploads.ID, jar).statusCode()).isEqualTo(201);
            // as version 1 of the table left it: the bytes in data/plugin-archives/<id>/<file_name>, none in the row
            Path kept = gateway.home().resolve("data/plugin-archives/lifecycle/2.5.0.jar");
            Files.createDirectories(kept.getParent());
            Files.write(kept, jar);
            assertThat(Uploads.updateStore(gateway, "UPDATE gateway_plugin_archives SET content = NULL"))
                    .isEqualTo(1);

            gateway.restart();

            assertThat(Uploads.version(gateway)).isEqualTo("2.5.0");
            assertThat(kept).doesNotExist();
            assertThat(Uploads.updateStore(
                            gateway, "UPDATE gateway_plugin_archives SET slot = slot WHERE content IS NULL"))
                    .as("rows without their bytes")
                    .isZero();
        }
    }
}
