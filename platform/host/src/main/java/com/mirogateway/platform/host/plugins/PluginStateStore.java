package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.api.Store;
import io.helidon.dbclient.DbExecute;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * Remembers which plugins ops disabled, so the choice survives a restart and is shared by every gateway on the same
 * database: the host table {@code gateway_plugin_states} ({@code plugin_id, enabled, updated_at}). A plugin with no
 * row is enabled. Each instance reads the table when it starts; a change made through another instance's ops API takes
 * effect here at the next restart.
 *
 * <p>The file {@code data/plugin-state.properties} of earlier versions is imported once (rows already in the table
 * win) and renamed to {@code plugin-state.properties.imported}. Called only by {@link PluginHost} under its lock.
 */
final class PluginStateStore {
    private static final System.Logger LOG = System.getLogger(PluginStateStore.class.getName());

    private final Store store;
    private final BiConsumer<DbExecute, String> announce;

    /**
     * Opens the states.
     *
     * @param store the host store
     * @param legacyFile the old properties file, imported once
     * @param announce called in the transaction that changed a plugin's state (tells the other gateways)
     */
    PluginStateStore(Store store, Path legacyFile, BiConsumer<DbExecute, String> announce) {
        this.store = store;
        this.announce = announce;
        importLegacy(legacyFile);
    }

    boolean isEnabled(String pluginId) {
        return store.db()
                .execute()
                .get("SELECT enabled FROM gateway_plugin_states WHERE plugin_id = ?", pluginId)
                .map(row -> ((Number) row.column("enabled").get()).intValue() != 0)
                .orElse(true);
    }

    /** Records ops' choice; a real change is announced in its transaction. */
    void setEnabled(String pluginId, boolean enabled) {
        store.transaction(tx -> {
            boolean before = tx.get("SELECT enabled FROM gateway_plugin_states WHERE plugin_id = ?", pluginId)
                    .map(row -> ((Number) row.column("enabled").get()).intValue() != 0)
                    .orElse(true);
            long updated = tx.update(
                    "UPDATE gateway_plugin_states SET enabled = ?, updated_at = ? WHERE plugin_id = ?",
                    enabled ? 1 : 0,
                    System.currentTimeMillis(),
                    pluginId);
            if (updated == 0) {
                tx.insert(
                        "INSERT INTO gateway_plugin_states (plugin_id, enabled, updated_at) VALUES (?, ?, ?)",
                        pluginId,
                        enabled ? 1 : 0,
                        System.currentTimeMillis());
            }
            if (before != enabled) {
                announce.accept(tx, pluginId);
            }
            return null;
        });
    }

    private void importLegacy(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        Properties states = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            states.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read plugin state file " + file, e);
        }
        for (String id : states.stringPropertyNames()) {
            boolean known = store.db()
                    .execute()
                    .get("SELECT plugin_id FROM gateway_plugin_states WHERE plugin_id = ?", id)
                    .isPresent();
            if (!known) {
                setEnabled(id, !"disabled".equals(states.getProperty(id)));
            }
        }
        try {
            Files.move(
                    file, file.resolveSibling(file.getFileName() + ".imported"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rename the imported plugin state file " + file, e);
        }
        LOG.log(Level.INFO, "Imported plugin states from {0} into the store", file);
    }
}
