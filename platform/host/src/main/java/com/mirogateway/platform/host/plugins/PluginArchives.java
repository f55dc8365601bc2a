package com.mirogateway.platform.host.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where uploaded plugin archives are kept, so an installed version survives a restart: per plugin a current archive
 * and at most one previous one (for rollback). {@link DataDirArchives} keeps the files under {@code data/} and their
 * rows in the host store; an implementation keeping the bytes in the store itself (for several instances on one
 * PostgreSQL) implements the same contract and hands out local copies.
 *
 * <p>Called by {@link PluginHost} under its lock; implementations need not be thread-safe otherwise.
 */
public interface PluginArchives {

    /**
     * One kept archive.
     *
     * @param pluginId the plugin id
     * @param version its version
     * @param digest its SHA-256 in {@code Content-Digest} form
     * @param file a local copy to load it from
     */
    record Archive(String pluginId, String version, String digest, Path file) {}

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
     * Makes a verified archive the plugin's current one; the current one (or {@code replaced}, the bundled jar being
     * replaced, when there is no current one) becomes the previous one, and the previous one is dropped.
     *
     * @param archive the verified upload (the file is copied, not moved)
     * @param replaced the bundled archive that ran before, if the plugin had no current upload
     * @return the kept archive
     */
    Archive install(VerifiedArchive archive, Optional<Archive> replaced);

    /**
     * Swaps current and previous, so a second rollback returns to where the first started.
     *
     * @param pluginId the plugin id
     * @throws java.util.NoSuchElementException if there is no previous archive
     */
    void rollback(String pluginId);

    /**
     * Forgets the plugin's archives (current and previous) and deletes their files.
     *
     * @param pluginId the plugin id
     */
    void remove(String pluginId);
}
