package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.api.Store;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@link PluginArchives} on one machine: files under {@code data/plugin-archives/<id>/}, named by digest, and their
 * rows in the host store table {@code gateway_plugin_archives} (migration owner {@value #STORE_OWNER}). A file is
 * written before its row and deleted after its row is gone, so a crash leaves at most an unreferenced file, which the
 * next start deletes.
 */
public final class DataDirArchives implements PluginArchives {
    /** The owner name of the archive table's migrations. */
    public static final String STORE_OWNER = "host-plugin-archives";

    private static final System.Logger LOG = System.getLogger(DataDirArchives.class.getName());
    private static final String MIGRATIONS = "com/mirogateway/platform/host/plugins/migration";
    private static final String COLUMNS = "plugin_id, slot, version, digest, file_name";

    private final Store store;
    private final Path root;

    private DataDirArchives(Store store, Path root) {
        this.store = store;
        this.root = root;
    }

    /**
     * Opens the archives: migrates the table and deletes files no row refers to.
     *
     * @param hostStore the host store, as seen by the owner {@value #STORE_OWNER}
     * @param root the folder, usually {@code data/plugin-archives}
     * @return the archives
     */
    public static DataDirArchives open(Store hostStore, Path root) {
        hostStore.migrate(MIGRATIONS);
        DataDirArchives archives = new DataDirArchives(hostStore, root);
        archives.deleteUnreferenced();
        return archives;
    }

    @Override
    public List<Archive> installed() {
        return store.db()
                .execute()
                .query("SELECT " + COLUMNS + " FROM gateway_plugin_archives WHERE slot = 'current'")
                .map(this::archive)
                .toList();
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
    public Archive install(VerifiedArchive archive, Optional<Archive> replaced) {
        Path dir = root.resolve(archive.pluginId());
        String extension = archive.file().getFileName().toString().endsWith(".zip") ? ".zip" : ".jar";
        String fileName = safe(archive.version()) + "-" + safe(archive.digest().replace("sha-256=", "")) + extension;
        Optional<Archive> keep = current(archive.pluginId());
        Optional<Archive> dropped = previous(archive.pluginId());
        try {
            Files.createDirectories(dir);
            Files.copy(archive.file(), dir.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
            Optional<Archive> previous = keep.isPresent() ? keep : replaced.map(r -> copyIn(dir, r));
            store.transaction(tx -> {
                tx.delete("DELETE FROM gateway_plugin_archives WHERE plugin_id = ?", archive.pluginId());
                previous.ifPresent(
                        p -> insert(tx, p, "previous", p.file().getFileName().toString()));
                insert(
                        tx,
                        new Archive(archive.pluginId(), archive.version(), archive.digest(), null),
                        "current",
                        fileName);
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the archive of plugin '" + archive.pluginId() + "'", e);
        }
        dropped.filter(d -> !d.file().getFileName().toString().equals(fileName)).ifPresent(this::deleteFile);
        return current(archive.pluginId()).orElseThrow();
    }

    @Override
    public void rollback(String pluginId) {
        Archive previous = previous(pluginId)
                .orElseThrow(() -> new NoSuchElementException("Plugin '" + pluginId + "' has no previous version"));
        Optional<Archive> current = current(pluginId);
        store.transaction(tx -> {
            tx.delete("DELETE FROM gateway_plugin_archives WHERE plugin_id = ?", pluginId);
            insert(tx, previous, "current", previous.file().getFileName().toString());
            current.ifPresent(
                    c -> insert(tx, c, "previous", c.file().getFileName().toString()));
            return null;
        });
    }

    @Override
    public void remove(String pluginId) {
        List<Archive> gone = Stream.of(current(pluginId), previous(pluginId))
                .flatMap(Optional::stream)
                .toList();
        store.transaction(tx -> tx.delete("DELETE FROM gateway_plugin_archives WHERE plugin_id = ?", pluginId));
        gone.forEach(this::deleteFile);
    }

    private Optional<Archive> slot(String pluginId, String slot) {
        return store.db()
                .execute()
                .get(
                        "SELECT " + COLUMNS + " FROM gateway_plugin_archives WHERE plugin_id = ? AND slot = ?",
                        pluginId,
                        slot)
                .map(this::archive);
    }

    private Archive archive(DbRow row) {
        String id = String.valueOf(row.column("plugin_id").get());
        return new Archive(
                id,
                String.valueOf(row.column("version").get()),
                String.valueOf(row.column("digest").get()),
                root.resolve(id).resolve(String.valueOf(row.column("file_name").get())));
    }

    private static void insert(DbExecute tx, Archive archive, String slot, String fileName) {
        tx.insert(
                "INSERT INTO gateway_plugin_archives (" + COLUMNS + ", installed_at) VALUES (?, ?, ?, ?, ?, ?)",
                archive.pluginId(),
                slot,
                archive.version(),
                archive.digest(),
                fileName,
                System.currentTimeMillis());
    }

    private Archive copyIn(Path dir, Archive bundled) {
        try {
            Path target = dir.resolve(
                    "bundled-" + safe(bundled.version()) + "-" + bundled.file().getFileName());
            Files.copy(bundled.file(), target, StandardCopyOption.REPLACE_EXISTING);
            return new Archive(bundled.pluginId(), bundled.version(), bundled.digest(), target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the bundled archive of plugin '" + bundled.pluginId() + "'", e);
        }
    }

    /** A file-name-safe form of a version or digest. */
    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private void deleteFile(Archive archive) {
        try {
            Files.deleteIfExists(archive.file());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete " + archive.file() + "; the next start deletes it", e);
        }
    }

    private void deleteUnreferenced() {
        if (!Files.isDirectory(root)) {
            return;
        }
        Set<Path> referenced = new HashSet<>();
        store.db()
                .execute()
                .query("SELECT " + COLUMNS + " FROM gateway_plugin_archives")
                .map(this::archive)
                .forEach(a -> referenced.add(a.file().toAbsolutePath().normalize()));
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList(); // children before folders
            for (Path file : all) {
                boolean keep = referenced.contains(file.toAbsolutePath().normalize())
                        || (Files.isDirectory(file) && file.getParent().equals(root))
                        || file.equals(root);
                if (!keep) {
                    Files.deleteIfExists(file); // unreferenced files, and zips' unpacked folders of the last run
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot tidy " + root, e);
        }
    }
}
