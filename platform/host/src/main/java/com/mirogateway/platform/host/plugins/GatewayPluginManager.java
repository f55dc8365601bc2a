package com.mirogateway.platform.host.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;

/**
 * PF4J's plugin manager with the host's rules: host-first class loading for the platform packages, refusal of plugin
 * jars that bundle platform classes, and no PF4J-level disabling (ops enable and disable through {@link PluginHost}).
 *
 * <p>Not thread-safe, like PF4J itself; only {@link PluginHost} calls it, under its lock.
 */
class GatewayPluginManager extends DefaultPluginManager {
    private Map<String, Rejection> rejections;

    /** A plugin PF4J could not load because the host refused it. */
    record Rejection(String pluginId, String version, Path path, String reason) {}

    GatewayPluginManager(Path pluginsRoot) {
        super(pluginsRoot);
    }

    /** Plugins refused at load time, by plugin id. */
    Map<String, Rejection> rejections() {
        return Map.copyOf(rejectionsMap());
    }

    private Map<String, Rejection> rejectionsMap() {
        if (rejections == null) { // PF4J calls the factory methods from its constructor, before field initialisers
            rejections = new ConcurrentHashMap<>();
        }
        return rejections;
    }

    /**
     * Stops and unloads one plugin without touching the plugins that depend on it (they share only SDK types with it,
     * through services), and closes its class loader. Used when a live upgrade replaces a bundled plugin.
     *
     * @param pluginId the plugin id
     */
    void unloadAlone(String pluginId) {
        unloadPlugin(pluginId, false);
    }

    private void reject(PluginDescriptor descriptor, Path path, String reason) {
        rejectionsMap()
                .put(
                        descriptor.getPluginId(),
                        new Rejection(descriptor.getPluginId(), descriptor.getVersion(), path, reason));
    }

    /**
     * Loads one plugin; any failure (refused jar, unreadable descriptor, broken jar) becomes a rejection that ops see
     * as a FAILED plugin, instead of an exception that PF4J would only log (or, for some, let escape).
     */
    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException e) {
            String file = pluginPath.getFileName().toString();
            boolean known =
                    rejectionsMap().values().stream().anyMatch(r -> r.path().equals(pluginPath));
            if (!known) {
                rejectionsMap()
                        .put(
                                file,
                                new Rejection(
                                        file, "unknown", pluginPath, "Cannot load " + file + ": " + e.getMessage()));
            }
            throw e instanceof PluginRuntimeException p ? p : new PluginRuntimeException(e, "Cannot load {}", file);
        }
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader().add(new HostDirectoryLoader(this)).add(new HostJarLoader(this));
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {}

            @Override
            public void enablePlugin(String pluginId) {}
        };
    }

    private void checkNothingBundled(
            PluginDescriptor descriptor, Path pluginPath, List<Path> jars, Optional<Path> classesDir) {
        List<String> found = new ArrayList<>();
        for (Path jar : jars) {
            found.addAll(bundledPlatformEntries(jar));
        }
        classesDir.ifPresent(dir -> found.addAll(bundledPlatformDirs(dir)));
        if (!found.isEmpty()) {
            String reason = "Plugin bundles classes the host provides (" + String.join(", ", found)
                    + "); declare Helidon, PF4J, platform-api, Jackson and logging with 'provided' scope";
            reject(descriptor, pluginPath, reason);
            throw new PluginRuntimeException(reason);
        }
    }

    private static List<String> forbiddenPrefixes() {
        return HostFirstClassLoader.HOST_PACKAGES.stream()
                .filter(p -> !p.startsWith("java"))
                .map(p -> p.replace('.', '/'))
                .toList();
    }

    private static List<String> bundledPlatformEntries(Path jar) {
        List<String> found = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                for (String prefix : forbiddenPrefixes()) {
                    if (name.startsWith(prefix) && name.endsWith(".class") && !found.contains(prefix + "**")) {
                        found.add(prefix + "**");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read plugin jar " + jar, e);
        }
        return found;
    }

    private static List<String> bundledPlatformDirs(Path classes) {
        return forbiddenPrefixes().stream()
                .filter(prefix -> Files.isDirectory(classes.resolve(prefix)))
                .map(prefix -> prefix + "**")
                .toList();
    }

    private static final class HostJarLoader extends JarPluginLoader {
        private final GatewayPluginManager manager;

        HostJarLoader(GatewayPluginManager manager) {
            super(manager);
            this.manager = manager;
        }

        @Override
        public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
            manager.checkNothingBundled(descriptor, pluginPath, List.of(pluginPath), Optional.empty());
            return super.loadPlugin(pluginPath, descriptor);
        }

        @Override
        protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new HostFirstClassLoader(pluginManager, descriptor, GatewayPluginManager.class.getClassLoader());
        }
    }

    /** Loads an unpacked plugin zip: {@code classes/} and {@code lib/*.jar}. */
    private static final class HostDirectoryLoader extends DefaultPluginLoader {
        private final GatewayPluginManager manager;

        HostDirectoryLoader(GatewayPluginManager manager) {
            super(manager);
            this.manager = manager;
        }

        @Override
        public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
            List<Path> jars;
            try (Stream<Path> files =
                    Files.exists(pluginPath.resolve("lib")) ? Files.list(pluginPath.resolve("lib")) : Stream.empty()) {
                jars = files.filter(p -> p.toString().endsWith(".jar")).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            manager.checkNothingBundled(descriptor, pluginPath, jars, Optional.of(pluginPath.resolve("classes")));
            return super.loadPlugin(pluginPath, descriptor);
        }

        @Override
        protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new HostFirstClassLoader(pluginManager, descriptor, GatewayPluginManager.class.getClassLoader());
        }
    }
}
