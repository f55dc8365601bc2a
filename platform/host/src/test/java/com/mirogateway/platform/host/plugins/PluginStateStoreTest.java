package com.mirogateway.platform.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.host.store.Databases;
import com.mirogateway.platform.host.store.HostStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginStateStoreTest {
    @Test
    void statesLiveInTheStoreAndTheOldFileIsImportedOnce() throws Exception {
        Path dir = Files.createTempDirectory("plugin-states-");
        Path legacy = dir.resolve("plugin-state.properties");
        Files.writeString(legacy, "boards=disabled\nlegacy-proxy=enabled\n", StandardCharsets.UTF_8);
        try (Databases.TestDatabase database = Databases.sqlite();
                HostStore store = HostStore.open(database.config())) {
            PluginStateStore states = new PluginStateStore(store, legacy, (tx, id) -> {});
            assertThat(states.isEnabled("boards")).isFalse();
            assertThat(states.isEnabled("legacy-proxy")).isTrue();
            assertThat(states.isEnabled("never-seen")).isTrue();
            assertThat(legacy).doesNotExist();
            assertThat(dir.resolve("plugin-state.properties.imported")).exists();

            states.setEnabled("boards", true);
            states.setEnabled("webhooks", false);
            PluginStateStore reopened = new PluginStateStore(store, legacy, (tx, id) -> {});
            assertThat(reopened.isEnabled("boards")).isTrue();
            assertThat(reopened.isEnabled("webhooks")).isFalse();
        }
    }

    @Test
    void onlyARealChangeIsAnnouncedToTheOtherGateways() throws Exception {
        try (Databases.TestDatabase database = Databases.sqlite();
                HostStore store = HostStore.open(database.config())) {
            List<String> announced = new ArrayList<>();
            PluginStateStore states = new PluginStateStore(
                    store, Files.createTempDirectory("plugin-states-").resolve("none"), (tx, id) -> announced.add(id));

            states.setEnabled("boards", true); // enabled already (no row means enabled)
            states.setEnabled("boards", false);
            states.setEnabled("boards", false);
            states.setEnabled("boards", true);

            assertThat(announced).containsExactly("boards", "boards");
        }
    }
}
