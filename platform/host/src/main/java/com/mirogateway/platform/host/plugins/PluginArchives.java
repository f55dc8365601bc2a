package com.mirogateway.platform.host.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where uploaded plugin archives are kept, so an installed version survives a restart and every gateway sharing the
 * store runs the same one: per plugin a current archive and at most one previous one (for rollback).
 * {@link StoredArchives} keeps the bytes in the store; a version is loaded from a local {@link #copy}.
 *
 * <p>Called by {@link PluginHost} under its lock; implementations need not be thread-safe otherwise.
 */
public interface PluginArchives {

    /**
     * One kept archive.
     *
     * @param pluginId the plugin id
     * @param version its version
     * @param digest its SHA-256 in {@code Content-Digest} form: which archive it is, on every gateway
     * @param fileName a file name for local copies ({@code *.jar} or {@code *.zip} after its layout)
     */
    record Archive(String pluginId, String version, String digest, String fileName) {}

    /** The current archive of every plugin that has one, in no particular order. */
    List<Archive> installed();

    /**
     * The current archive of one plugin.
     *
     * @param pluginId the plugin id
     * @return its current archive, empty if it runs the bundled jar or is not installed
     */
    Optional<Archive> current(String pluginId);

    /**
     * The archive a rollback would return to.
     *
     * @param pluginId the plugin id
     * @return the previous archive, if one is kept
     */
    Optional<Archive> previous(String pluginId);

    /**
     * Writes a kept archive to a fresh local file, for one load of it (the loaded version deletes it when unloaded).
     *
     * @param archive the archive
     * @return the new file
     * @throws java.util.NoSuchElementException if the archive is no longer kept (changed meanwhile)
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    Path copy(Archive archive);

    /**
     * Makes a verified archive the plugin's current one; the current one (or {@code replaced}, the bundled jar being
     * replaced, when there is no current one) becomes the previous one, and the previous one is dropped.
     *
     * @param archive the verified upload (its file is read, not moved)
     * @param replaced the bundled jar that ran before, if the plugin had no current upload
     * @return the kept archive
     */
    Archive install(VerifiedArchive archive, Optional<VerifiedArchive> replaced);

    /**
     * Swaps current and previous, so a second rollback returns to where the first started.
     *
     * @param pluginId the plugin id
     * @throws java.util.NoSuchElementException if there is no previous archive
     */
    void rollback(String pluginId);

    /**
     * Forgets the plugin's archives (current and previous).
     *
     * @param pluginId the plugin id
     */
    void remove(String pluginId);
}
