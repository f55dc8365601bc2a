package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.PluginWrapper;

/**
 * Turns plugin archives into {@link PluginRuntime}s, not yet started: the distribution's bundled jars through the
 * shared PF4J manager, and every uploaded version through an {@link ArchivePluginManager} of its own, from a staged
 * upload or from a copy of an archive kept in {@link PluginArchives}. Checks what PF4J does not: the platform version
 * the plugin requires, its one {@link GatewayPlugin} extension and, where signatures are required, a kept archive's
 * signature once more.
 *
 * <p>Called by {@link PluginHost} under its lock.
 */
final class PluginLoader {
    private static final System.Logger LOG = System.getLogger(PluginLoader.class.getName());

    private final PlatformVersion platform;
    private final GatewayPluginManager bundled;
    private final PluginArchives archives;
    private final Optional<JarSignatures> signatures;

    PluginLoader(
            PlatformVersion platform,
            GatewayPluginManager bundled,
            PluginArchives archives,
            Optional<JarSignatures> signatures) {
        this.platform = platform;
        this.bundled = bundled;
        this.archives = archives;
        this.signatures = signatures;
    }

    /**
     * Loads one uploaded version into a manager of its own and PF4J-starts it.
     *
     * @param file the archive file, this version's own (deleted when it is unloaded)
     * @param digest its digest
     * @return the loaded version
     * @throws PluginStartException if PF4J cannot load it or it is unusable (nothing stays loaded)
     */
    PluginRuntime load(Path file, String digest) {
        ArchivePluginManager manager;
        try {
            manager = ArchivePluginManager.load(file, platform, digest);
        } catch (RuntimeException e) {
            throw new PluginStartException("PF4J cannot load " + file.getFileName() + ": " + e.getMessage());
        }
        PluginRuntime runtime = runtimeFor(manager, manager.plugin());
        if (runtime.state() == PluginState.FAILED) {
            manager.unload();
            throw new PluginStartException(runtime.failure().orElse("the plugin failed to load"));
        }
        return runtime;
    }

    /**
     * Loads a kept archive from a fresh local copy.
     *
     * @param archive the kept archive
     * @return the loaded version
     * @throws PluginStartException if it cannot be copied, loaded or used
     */
    PluginRuntime load(PluginArchives.Archive archive) {
        Path copy;
        try {
            copy = checkedCopy(archive);
        } catch (RuntimeException e) {
            throw new PluginStartException("Cannot read the archive of plugin '" + archive.pluginId() + "' "
                    + archive.version() + " from the store: " + e.getMessage());
        }
        return load(copy, archive.digest());
    }

    /**
     * A fresh local copy of a kept archive. Where signatures are required, the copy is checked again as at upload: the
     * store may be shared and written by others than this gateway. A copy of a jar in the plugins folder (a bundled
     * version kept for rollback) is exempt, as the bundled jars are.
     *
     * @throws IllegalStateException if the copy fails the signature check (the copy is deleted)
     */
    private Path checkedCopy(PluginArchives.Archive archive) {
        Path copy = archives.copy(archive);
        if (signatures.isEmpty() || bundledDigests().contains(archive.digest())) {
            return copy;
        }
        try {
            signatures.get().verify(copy);
            return copy;
        } catch (IOException | ArchiveRejectedException e) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // a stray copy in the archives folder is harmless; it is never loaded
            }
            throw new IllegalStateException("The kept archive of plugin '" + archive.pluginId() + "' "
                    + archive.version() + " fails the signature check: " + e.getMessage());
        }
    }

    /** The digests of the jars and zips in the plugins folder. */
    private Set<String> bundledDigests() {
        Set<String> digests = new HashSet<>();
        for (Path root : bundled.getPluginsRoots()) {
            try (var files = Files.list(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    digests.add(ContentDigest.of(Files.readAllBytes(file)));
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot read the plugins folder " + root, e);
            }
        }
        return digests;
    }

    /**
     * At startup, loads a plugin's kept archive in place of the bundled jar of the same id (which is unloaded from
     * the shared manager alone); the uploaded version wins until it is removed.
     *
     * @param archive the kept archive
     * @param resolved the plugins to start, where the loaded version replaces a bundled one of its id
     */
    void loadInstalled(PluginArchives.Archive archive, List<PluginWrapper> resolved) {
        String id = archive.pluginId();
        ArchivePluginManager manager;
        try {
            manager = ArchivePluginManager.load(checkedCopy(archive), platform, archive.digest());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.ERROR,
                    "Cannot load the installed archive of plugin '" + id + "'; keeping the bundled one",
                    e);
            return;
        }
        if (bundled.getPlugin(id) != null) {
            resolved.removeIf(w -> w.getPluginId().equals(id));
            bundled.unloadAlone(id);
        }
        resolved.add(manager.plugin());
        LOG.log(Level.INFO, "Plugin ''{0}'' {1} loaded from its uploaded archive", id, archive.version());
    }

    /**
     * The bundled jar a first upload replaces, kept as the previous version.
     *
     * @param id the plugin id
     * @return the jar, if the plugin runs one
     */
    Optional<VerifiedArchive> bundledArchive(String id) {
        PluginWrapper wrapper = bundled.getPlugin(id);
        if (wrapper == null || !Files.isRegularFile(wrapper.getPluginPath())) {
            return Optional.empty();
        }
        try {
            String digest = ContentDigest.of(Files.readAllBytes(wrapper.getPluginPath()));
            return Optional.of(new VerifiedArchive(
                    id, wrapper.getDescriptor().getVersion(), List.of(), digest, wrapper.getPluginPath()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot read the bundled archive of plugin '" + id + "'; no rollback to it", e);
            return Optional.empty();
        }
    }

    /** Orders plugins so every plugin comes after those it depends on (optional dependencies included). */
    static List<PluginWrapper> dependenciesFirst(List<PluginWrapper> plugins) {
        Map<String, PluginWrapper> byId = new LinkedHashMap<>();
        plugins.stream()
                .sorted(Comparator.comparing(PluginWrapper::getPluginId))
                .forEach(p -> byId.put(p.getPluginId(), p));
        List<PluginWrapper> ordered = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (String id : byId.keySet()) {
            visit(id, byId, visited, ordered);
        }
        return ordered;
    }

    private static void visit(
            String id, Map<String, PluginWrapper> byId, Set<String> visited, List<PluginWrapper> ordered) {
        PluginWrapper wrapper = byId.get(id);
        if (wrapper == null || !visited.add(id)) {
            return; // PF4J already refused dependency cycles and missing mandatory dependencies
        }
        for (org.pf4j.PluginDependency dependency : wrapper.getDescriptor().getDependencies()) {
            visit(dependency.getPluginId(), byId, visited, ordered);
        }
        ordered.add(wrapper);
    }

    /** The runtime of a PF4J-loaded plugin: failed if PF4J or our checks refused it. */
    PluginRuntime runtimeFor(PluginWrapper wrapper) {
        GatewayPluginManager manager = wrapper.getPluginManager() instanceof GatewayPluginManager own ? own : bundled;
        return runtimeFor(manager, wrapper);
    }

    private PluginRuntime runtimeFor(GatewayPluginManager manager, PluginWrapper wrapper) {
        String id = wrapper.getPluginId();
        String version = wrapper.getDescriptor().getVersion();
        String requires = Optional.ofNullable(wrapper.getDescriptor().getRequires())
                .filter(r -> !r.isBlank())
                .orElse("*");
        if (!platform.admittedBy(requires)) {
            return PluginRuntime.failed(
                    id,
                    version,
                    "The plugin requires platform " + requires + " but this gateway is " + platform.version());
        }
        if (wrapper.getPluginState() != org.pf4j.PluginState.STARTED) {
            String reason = Optional.ofNullable(wrapper.getFailedException())
                    .map(Throwable::getMessage)
                    .orElse("PF4J could not start the plugin (state " + wrapper.getPluginState()
                            + "); check its dependencies");
            return PluginRuntime.failed(id, version, reason);
        }
        List<GatewayPlugin> extensions = manager.getExtensions(GatewayPlugin.class, id);
        if (extensions.size() != 1) {
            return PluginRuntime.failed(
                    id,
                    version,
                    "A plugin must have exactly one @Extension implementing GatewayPlugin; found " + extensions.size());
        }
        PluginRuntime runtime = new PluginRuntime(id, version, wrapper.getPluginClassLoader(), extensions.get(0));
        if (manager instanceof ArchivePluginManager archive) {
            runtime.unloadWith(archive::unload, true);
            runtime.loadedFrom(archive.digest());
        } else {
            runtime.unloadWith(() -> manager.unloadAlone(id), false);
        }
        return runtime;
    }
}
