package com.mirogateway.platform.host.plugins;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Remembers which plugins ops disabled, so the choice survives a restart.
 *
 * <p>A properties file ({@code <plugin-id>=enabled|disabled}) under the data directory, rewritten atomically (temp file
 * and rename) on every change. A plugin with no entry is enabled. Called only by {@link PluginHost} under its lock.
 */
final class PluginStateStore {
    private final Path file;
    private final Properties states = new Properties();

    PluginStateStore(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                states.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read plugin state file " + file, e);
            }
        }
    }

    boolean isEnabled(String pluginId) {
        return !"disabled".equals(states.getProperty(pluginId));
    }

    void setEnabled(String pluginId, boolean enabled) {
        states.setProperty(pluginId, enabled ? "enabled" : "disabled");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                states.store(writer, "Plugin states set through the ops API; edit only while the gateway is stopped");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write plugin state file " + file, e);
        }
    }
}
