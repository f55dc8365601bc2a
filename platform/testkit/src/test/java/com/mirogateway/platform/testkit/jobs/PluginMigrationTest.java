package com.mirogateway.platform.testkit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.host.plugins.PluginRuntime;
import com.mirogateway.platform.host.plugins.PluginState;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PluginMigrationTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("broken-migration")
                    .classes(BrokenMigrationPlugin.class)
                    .entry(
                            "broken/migration/V1__broken.sql",
                            "CREATE TABLE broken_half (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
                                    .getBytes(StandardCharsets.UTF_8)))
            .plugin(DemoPlugins.worker())
            .build();

    @Test
    void aFailedPluginMigrationFailsOnlyThatPluginWithTheReason() {
        PluginRuntime broken = plugin("broken-migration");
        assertThat(broken.state()).isEqualTo(PluginState.FAILED);
        assertThat(broken.failure())
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("V1")
                        .contains("broken-migration")
                        .contains("changed nothing"));
        assertThat(plugin("demo-jobs").state()).as("its own migration ran").isEqualTo(PluginState.STARTED);
    }

    private static PluginRuntime plugin(String id) {
        return gateway.gateway().plugins().plugins().stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
