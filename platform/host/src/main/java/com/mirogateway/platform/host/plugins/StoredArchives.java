package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.api.Store;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * {@link PluginArchives} in the store: the rows of {@code gateway_plugin_archives} (migration owner
 * {@value #STORE_OWNER}) hold each archive's version, digest and bytes, on SQLite and PostgreSQL alike, so every
 * gateway sharing a PostgreSQL database loads the same archive, and one starting later loads the installed versions
 * from the store. A version is loaded from a fresh copy under {@code data/plugin-archives/<id>/}, deleted when it is
 * unloaded; the folder is emptied at startup.
 *
 * <p>Each change (install, rollback, removal) is one transaction that also calls the {@code announce} hook with the
 * plugin id, which tells the other gateways (see {@code cluster.PluginFollower}).
 */
public final class StoredArchives implements PluginArchives {
    /** The owner name of the archive table's migrations. */
    public static final String STORE_OWNER = "host-plugin-archives";

    private static final System.Logger LOG = System.getLogger(StoredArchives.class.getName());
    private static final String MIGRATIONS = "com/mirogateway/platform/host/plugins/migration";
    private static final String COLUMNS = "plugin_id, slot, version, digest, file_name";

    private final Store store;
    private final Path folder;
    private final BiConsumer<DbExecute, String> announce;

    private StoredArchives(Store store, Path folder, BiConsumer<DbExecute, String> announce) {
        this.store = store;
        this.folder = folder;
        this.announce = announce;
    }

    /**
     * Opens the archives: migrates the table, moves archives an earlier version kept as files into their rows, and
     * empties the folder of local copies (and of uploads staged there).
     *
     * @param hostStore the host store, as seen by the owner {@value #STORE_OWNER}
     * @param folder the folder of local copies, usually {@code data/plugin-archives}
     * @param announce called with the plugin id in the transaction of each change
     * @return the archives
     */
    public static StoredArchives open(Store hostStore, Path folder, BiConsumer<DbExecute, String> announce) {
        hostStore.migrate(MIGRATIONS);
        StoredArchives archives = new StoredArchives(hostStore, folder, announce);
        archives.importFiles();
        archives.emptyFolder();
        return archives;
    }

    @Override
    public List<Archive> installed() {
        try (Stream<DbRow> rows = store.db()
                .execute()
                .query("SELECT " + COLUMNS + " FROM gateway_plugin_archives WHERE slot = 'current'")) {
            return rows.map(StoredArchives::archive).toList();
        }
    }

    @Override
    public Optional<Archive> current(String pluginId) {
        return slot(pluginId, "current");
    }

    @Override
    public Optional<Archive> previous(String pluginId) {
        return slot(pluginId, "previous");
    }

    @Override
    public Path copy(Archive archive) {
        byte[] content = store.db()
                .execute()
                .get(
                        "SELECT content FROM gateway_plugin_archives WHERE plugin_id = ? AND digest = ? LIMIT 1",
                        archive.pluginId(),
                        archive.digest())
                .map(row -> row.column("content").get(byte[].class))
                .orElseThrow(() -> new NoSuchElementException("The archive " + archive.digest() + " of plugin '"
                        + archive.pluginId() + "' is no longer kept"));
        if (!ContentDigest.of(content).equals(archive.digest())) {
            throw new IllegalStateException("The stored archive of plugin '" + archive.pluginId() + "' "
                    + archive.version() + " does not match its digest " + archive.digest());
        }
        Path file = folder.resolve(archive.pluginId())
                .resolve(UUID.randomUUID().toString().substring(0, 8) + "-" + archive.fileName());
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the archive of plugin '" + archive.pluginId() + "'", e);
        }
    }

    @Override
    public Archive install(VerifiedArchive archive, Optional<VerifiedArchive> replaced) {
        String id = archive.pluginId();
        Archive kept = new Archive(id, archive.version(), archive.digest(), fileName(archive));
        byte[] content = read(archive.file());
        Optional<byte[]> replacedContent = replaced.map(r -> read(r.file()));
        store.transaction(tx -> {
            tx.delete("DELETE FROM gateway_plugin_archives WHERE plugin_id = ? AND slot = 'previous'", id);
            long moved = tx.update(
                    "UPDATE gateway_plugin_archives SET slot = 'previous' WHERE plugin_id = ? AND slot = 'current'",
                    id);
            if (moved == 0 && replaced.isPresent()) {
                VerifiedArchive bundled = replaced.get();
                insert(
                        tx,
                        new Archive(id, bundled.version(), bundled.digest(), fileName(bundled)),
                        "previous",
                        replacedContent.orElseThrow());
            }
            insert(tx, kept, "current", content);
            announce.accept(tx, id);
            return null;
        });
        return kept;
    }

    @Override
    public void rollback(String pluginId) {
        store.transaction(tx -> {
            if (tx.get("SELECT slot FROM gateway_plugin_archives WHERE plugin_id = ? AND slot = 'previous'", pluginId)
                    .isEmpty()) {
                throw new NoSuchElementException("Plugin '" + pluginId + "' has no previous version");
            }
            // three steps: the key (plugin_id, slot) is checked row by row, so one swapping UPDATE would collide
            for (String[] move : new String[][] {{"current", "swap"}, {"previous", "current"}, {"swap", "previous"}}) {
                tx.update(
                        "UPDATE gateway_plugin_archives SET slot = ? WHERE plugin_id = ? AND slot = ?",
                        move[1],
                        pluginId,
                        move[0]);
            }
            announce.accept(tx, pluginId);
            return null;
        });
    }

    @Override
    public void remove(String pluginId) {
        store.transaction(tx -> {
            tx.delete("DELETE FROM gateway_plugin_archives WHERE plugin_id = ?", pluginId);
            announce.accept(tx, pluginId);
            return null;
        });
    }

    private Optional<Archive> slot(String pluginId, String slot) {
        return store.db()
                .execute()
                .get(
                        "SELECT " + COLUMNS + " FROM gateway_plugin_archives WHERE plugin_id = ? AND slot = ?",
                        pluginId,
                        slot)
                .map(StoredArchives::archive);
    }

    private static Archive archive(DbRow row) {
        return new Archive(
                row.column("plugin_id").getString(),
                row.column("version").getString(),
                row.column("digest").getString(),
                row.column("file_name").getString());
    }

    private static void insert(DbExecute tx, Archive archive, String slot, byte[] content) {
        tx.insert(
                "INSERT INTO gateway_plugin_archives (" + COLUMNS + ", installed_at, content)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                archive.pluginId(),
                slot,
                archive.version(),
                archive.digest(),
                archive.fileName(),
                System.currentTimeMillis(),
                content);
    }

    private static String fileName(VerifiedArchive archive) {
        String extension = archive.file().getFileName().toString().endsWith(".zip") ? ".zip" : ".jar";
        return safe(archive.version()) + extension;
    }

    /** A file-name-safe form of a version. */
    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the plugin archive " + file, e);
        }
    }

    /** Rows written by version 1 of the table point to files under the folder; their bytes move into the rows. */
    private void importFiles() {
        List<String[]> pending;
        try (Stream<DbRow> rows = store.db()
                .execute()
                .query("SELECT plugin_id, slot, file_name FROM gateway_plugin_archives WHERE content IS NULL")) {
            pending = rows.map(row -> new String[] {
                        row.column("plugin_id").getString(),
                        row.column("slot").getString(),
                        row.column("file_name").getString()
                    })
                    .toList();
        }
        for (String[] row : pending) {
            Path file = folder.resolve(row[0]).resolve(row[2]);
            if (Files.isRegularFile(file)) {
                store.db()
                        .execute()
                        .dml(
                                "UPDATE gateway_plugin_archives SET content = ? WHERE plugin_id = ? AND slot = ?",
                                read(file),
                                row[0],
                                row[1]);
                LOG.log(
                        Level.INFO,
                        "Moved the {0} archive of plugin ''{1}'' from {2} into the store",
                        row[1],
                        row[0],
                        file);
            } else {
                store.db()
                        .execute()
                        .dml("DELETE FROM gateway_plugin_archives WHERE plugin_id = ? AND slot = ?", row[0], row[1]);
                LOG.log(
                        Level.WARNING,
                        "The {0} archive of plugin ''{1}'' was kept in {2}, which is gone; forgotten",
                        row[1],
                        row[0],
                        file);
            }
        }
    }

    private void emptyFolder() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) { // children before folders
                if (!file.equals(folder)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty " + folder, e);
        }
    }
}
