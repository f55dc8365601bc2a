package com.mirogateway.platform.host.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginWrapper;
import org.pf4j.util.Unzip;

/**
 * A PF4J manager holding exactly one version of one plugin, loaded from an uploaded archive. PF4J keeps one plugin per
 * id in a manager, so a live upgrade loads the new version into a manager of its own, beside the old one, and drops
 * the old manager (with its class loader) once the old version has drained.
 *
 * <p>Plugins share only SDK types, through services, so a plugin's dependencies matter for start order and presence,
 * which {@link PluginHost} checks against the plugins it runs; here every dependency is loosened to optional, as the
 * other plugins live in other managers. Not thread-safe; only {@link PluginHost} calls it, under its lock.
 */
final class ArchivePluginManager extends GatewayPluginManager {
    private final Path archive;
    private final Path unpacked;
    private final String digest;
    private PluginWrapper wrapper;

    private ArchivePluginManager(Path archive, Path unpacked, String digest) {
        super(archive.toAbsolutePath().getParent());
        this.archive = archive;
        this.unpacked = unpacked;
        this.digest = digest;
    }

    /**
     * Loads and PF4J-starts one archive.
     *
     * @param archive a verified {@code *.jar}, or a {@code *.zip} (unpacked beside it into {@code <name>.d/}): a staged
     *     upload or a copy of a kept archive, this version's own, deleted when it is unloaded
     * @param platform the platform version PF4J checks {@code requires} against
     * @param digest the archive's SHA-256 in {@code Content-Digest} form
     * @return the manager, whose {@link #plugin()} is the loaded plugin (check its state: it may have failed)
     * @throws org.pf4j.PluginRuntimeException if PF4J cannot load it
     */
    static ArchivePluginManager load(Path archive, PlatformVersion platform, String digest) {
        Path source = archive;
        Path unpacked = null;
        if (archive.getFileName().toString().endsWith(".zip")) {
            unpacked = archive.resolveSibling(archive.getFileName() + ".d");
            try {
                deleteTree(unpacked);
                new Unzip(archive.toFile(), unpacked.toFile()).extract();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot unpack " + archive, e);
            }
            source = unpacked;
        }
        ArchivePluginManager manager = new ArchivePluginManager(archive, unpacked, digest);
        manager.setSystemVersion(platform.version());
        String id = manager.loadPlugin(source);
        manager.startPlugin(id);
        manager.wrapper = manager.getPlugin(id);
        return manager;
    }

    /** The one plugin this manager holds. */
    PluginWrapper plugin() {
        return wrapper;
    }

    /** The SHA-256 of the archive it was loaded from, in {@code Content-Digest} form. */
    String digest() {
        return digest;
    }

    /**
     * Stops and unloads the plugin, closes its class loader, deregisters JDBC drivers it registered and deletes the
     * archive file (and the unpacked folder of a zip): nothing of the host keeps the class loader afterwards.
     */
    void unload() {
        ClassLoader loader = wrapper.getPluginClassLoader();
        for (Driver driver : DriverManager.drivers().toList()) {
            if (driver.getClass().getClassLoader() == loader) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot deregister " + driver, e);
                }
            }
        }
        unloadAlone(wrapper.getPluginId());
        wrapper = null;
        try {
            if (unpacked != null) {
                deleteTree(unpacked);
            }
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            System.getLogger(ArchivePluginManager.class.getName())
                    .log(System.Logger.Level.WARNING, "Cannot delete " + archive + "; the next start does", e);
        }
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        PluginDescriptorFinder finder = super.createPluginDescriptorFinder();
        return new PluginDescriptorFinder() {
            @Override
            public boolean isApplicable(Path pluginPath) {
                return finder.isApplicable(pluginPath);
            }

            @Override
            public PluginDescriptor find(Path pluginPath) {
                return loosened(finder.find(pluginPath));
            }
        };
    }

    private static PluginDescriptor loosened(PluginDescriptor original) {
        DefaultPluginDescriptor copy = new DefaultPluginDescriptor(
                original.getPluginId(),
                original.getPluginDescription(),
                original.getPluginClass(),
                original.getVersion(),
                original.getRequires(),
                original.getProvider(),
                original.getLicense());
        for (PluginDependency dependency : original.getDependencies()) {
            copy.addDependency(new PluginDependency(dependency.getPluginId() + "?"));
        }
        return copy;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
