package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.api.Store;
import io.helidon.config.Config;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.pf4j.PluginWrapper;

/**
 * The plugin control plane: loads plugins with PF4J, starts and stops them, and publishes the route table.
 *
 * <p>Single writer: every state change runs under one lock, so PF4J (not thread-safe) and the tables are only touched
 * by one thread at a time. Readers ({@link #routeTable()}, {@link #plugins()}) never block: they see immutable
 * snapshots published through volatile fields.
 */
public final class PluginHost implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());

    private final GatewayPluginManager pluginManager;
    private final PluginStateStore stateStore;
    private final PluginActivation activation;
    private final PluginArchives archives;
    private final PluginLoader loader;
    private final PlatformVersion platform = PlatformVersion.current();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, PluginRuntime> runtimes = new LinkedHashMap<>();
    private volatile RouteTable routeTable = RouteTable.empty();
    private volatile List<PluginRuntime> snapshot = List.of();

    /**
     * Creates the host; nothing is loaded until {@link #start()}.
     *
     * @param rootConfig the whole gateway configuration (plugins get their own section of it)
     * @param pluginsDir the folder holding plugin jars and zips
     * @param legacyStateFile the properties file earlier versions kept plugin states in, imported into the store once
     * @param drainTimeout how long a disable waits for a plugin's in-flight calls
     * @param hostStore the store, where enabled/disabled choices are remembered
     * @param facilities the store and job queue views handed to plugins
     * @param archives the uploaded archives, which win over bundled jars of the same plugin
     * @param signatures the signature check of kept archives loaded from the store, or empty when not required
     */
    public PluginHost(
            Config rootConfig,
            Path pluginsDir,
            Path legacyStateFile,
            Duration drainTimeout,
            Store hostStore,
            PluginFacilities facilities,
            PluginArchives archives,
            Optional<JarSignatures> signatures) {
        this.archives = archives;
        this.pluginManager = new GatewayPluginManager(pluginsDir);
        this.pluginManager.setSystemVersion(platform.version()); // a bundled plugin's 'requires' is checked too
        this.loader = new PluginLoader(platform, pluginManager, archives, signatures);
        this.stateStore = new PluginStateStore(hostStore, legacyStateFile, facilities::pluginStateChanged);
        this.activation = new PluginActivation(rootConfig, drainTimeout, facilities);
    }

    /** Loads every plugin in the plugins folder and starts those not disabled by ops. */
    public void start() {
        lock.lock();
        try {
            LOG.log(
                    Level.INFO,
                    "Platform version {0}: plugins'' requires ranges are checked against it",
                    platform.version());
            pluginManager.loadPlugins();
            pluginManager.startPlugins();
            List<PluginWrapper> resolved = new ArrayList<>(pluginManager.getResolvedPlugins());
            for (PluginArchives.Archive archive : archives.installed()) {
                loader.loadInstalled(archive, resolved);
            }
            for (PluginWrapper wrapper : PluginLoader.dependenciesFirst(resolved)) {
                runtimes.put(wrapper.getPluginId(), loader.runtimeFor(wrapper));
            }
            for (PluginWrapper wrapper : pluginManager.getUnresolvedPlugins()) {
                runtimes.putIfAbsent(wrapper.getPluginId(), loader.runtimeFor(wrapper));
            }
            pluginManager.rejections().values().stream()
                    .filter(r -> !runtimes.containsKey(r.pluginId()))
                    .forEach(r ->
                            runtimes.put(r.pluginId(), PluginRuntime.failed(r.pluginId(), r.version(), r.reason())));
            for (PluginRuntime runtime : runtimes.values()) {
                if (runtime.state() != PluginState.FAILED && stateStore.isEnabled(runtime.id())) {
                    startPlugin(runtime);
                }
            }
            publish();
        } finally {
            lock.unlock();
        }
    }

    /** The live route table. */
    public RouteTable routeTable() {
        return routeTable;
    }

    /** Every known plugin, sorted by id. */
    public List<PluginRuntime> plugins() {
        return snapshot;
    }

    /**
     * Enables a plugin: starts it and publishes its routes. Remembered across restarts.
     *
     * @param id the plugin id
     * @return the plugin after the attempt: {@code STARTED}, or {@code FAILED} with the reason
     * @throws NoSuchElementException if no plugin has that id
     */
    public PluginRuntime enable(String id) {
        lock.lock();
        try {
            PluginRuntime runtime = require(id);
            stateStore.setEnabled(id, true);
            if (runtime.state() != PluginState.STARTED && runtime.plugin().isPresent()) {
                startPlugin(runtime);
            }
            return runtime;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Disables a plugin: its routes leave the table at once (falling back to other owners or legacy), its services
     * are withdrawn, its in-flight calls finish (up to the drain timeout), then it is stopped. Remembered across
     * restarts.
     *
     * @param id the plugin id
     * @return the plugin, now {@code DISABLED} (or still {@code FAILED} if it had failed)
     * @throws NoSuchElementException if no plugin has that id
     */
    public PluginRuntime disable(String id) {
        lock.lock();
        try {
            PluginRuntime runtime = require(id);
            stateStore.setEnabled(id, false);
            if (runtime.state() == PluginState.STARTED) {
                stopPlugin(runtime);
                publish();
            }
            return runtime;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Installs a new plugin or upgrades a known one from a verified archive, then keeps the archive so it survives
     * restarts. An upgrade of a started plugin loads the new version into its own class loader and starts it while
     * the old one serves; only after that start succeeds do job handlers, services and routes switch to it (the
     * routes in one table swap); calls already inside the old version finish there (up to the drain timeout), then
     * the old version is stopped and unloaded. A disabled plugin is replaced and stays disabled.
     *
     * @param archive the verified archive (loaded from where it lies; {@link PluginArchives} keeps a copy)
     * @return what was done
     * @throws PluginStartException if the new version cannot be loaded or started; whatever ran before runs on
     */
    public Installation install(VerifiedArchive archive) {
        lock.lock();
        try {
            String id = archive.pluginId();
            PluginRuntime current = runtimes.get(id);
            Optional<VerifiedArchive> bundled =
                    current != null && archives.current(id).isEmpty() ? loader.bundledArchive(id) : Optional.empty();
            if (current == null) {
                stateStore.setEnabled(id, true); // installing a plugin means running it
            }
            long began = System.nanoTime();
            PluginRuntime next = loader.load(archive.file(), archive.digest());
            switchTo(current, next);
            archives.install(archive, bundled);
            LOG.log(
                    Level.INFO,
                    "Plugin ''{0}'' {1} installed from an upload ({2}) in {3} ms, replacing {4}",
                    id,
                    next.version(),
                    archive.digest(),
                    (System.nanoTime() - began) / 1_000_000,
                    current == null ? "nothing" : current.version());
            return new Installation(next, Optional.ofNullable(current).map(PluginRuntime::version), archive.digest());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns a plugin to its previous archive, the same way as an upgrade; a second rollback undoes the first.
     *
     * @param id the plugin id
     * @return what was done
     * @throws NoSuchElementException if no plugin has that id
     * @throws LifecycleConflictException if no previous archive is kept
     * @throws PluginStartException if the previous version cannot start; the current one runs on
     */
    public Installation rollback(String id) {
        lock.lock();
        try {
            PluginRuntime current = require(id);
            PluginArchives.Archive previous = archives.previous(id)
                    .orElseThrow(() -> new LifecycleConflictException(
                            "Plugin '" + id + "' has no previous version to roll back to"));
            PluginRuntime next = loader.load(previous);
            switchTo(current, next);
            archives.rollback(id);
            return new Installation(next, Optional.of(current.version()), previous.digest());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Brings a plugin to the state the store records, after another gateway sharing the store changed it. Does
     * nothing for a plugin not installed here.
     *
     * @param id the plugin id
     */
    public void applyStoredState(String id) {
        lock.lock();
        try {
            if (runtimes.containsKey(id)) {
                if (stateStore.isEnabled(id)) {
                    enable(id);
                } else {
                    disable(id);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Brings a plugin to the archive the store keeps as its current one, after another gateway sharing the store
     * installed, upgraded, rolled back or removed it: loads that archive from the store and switches to it as an
     * upgrade does (a plugin ops disabled is replaced and stays disabled), or removes the uploaded version the store no
     * longer keeps. Idempotent by digest: a plugin already running the stored archive, or running its bundled jar with
     * none stored, is left alone. Writes nothing to the store, so nothing is announced again.
     *
     * @param id the plugin id
     * @throws PluginStartException if the stored version cannot be loaded or started here: the version before runs on
     *     with the reason as its failure, or a plugin new here is listed as failed
     */
    public void applyStoredArchive(String id) {
        lock.lock();
        try {
            PluginRuntime current = runtimes.get(id);
            Optional<PluginArchives.Archive> stored = archives.current(id);
            Optional<String> running = Optional.ofNullable(current).flatMap(PluginRuntime::archiveDigest);
            if (stored.map(PluginArchives.Archive::digest).equals(running)) {
                if (current != null && current.state() != PluginState.FAILED) {
                    current.notApplied(null); // the store is back at what runs here: the last refusal is moot
                }
                return;
            }
            if (stored.isEmpty()) {
                unloadRemoved(current);
                LOG.log(Level.INFO, "Plugin ''{0}'' {1} removed through another gateway", id, current.version());
                return;
            }
            PluginArchives.Archive archive = stored.get();
            try {
                PluginRuntime next = loader.load(archive);
                if (current == null && !stateStore.isEnabled(id)) {
                    runtimes.put(id, next);
                    publish();
                } else {
                    switchTo(current, next);
                }
            } catch (PluginStartException e) {
                String reason = "Version " + archive.version() + " (" + archive.digest() + "), installed through "
                        + "another gateway, failed here: " + e.getMessage();
                if (current == null) {
                    PluginRuntime failed = PluginRuntime.failed(id, archive.version(), reason);
                    failed.loadedFrom(archive.digest());
                    runtimes.put(id, failed);
                    publish();
                } else {
                    current.notApplied(reason);
                }
                throw new PluginStartException(reason);
            }
            LOG.log(
                    Level.INFO,
                    "Plugin ''{0}'' {1} ({2}) applied from the store as installed through another gateway, replacing {3}",
                    id,
                    archive.version(),
                    archive.digest(),
                    current == null ? "nothing" : current.version());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes an uploaded plugin: its routes leave the table (falling back to legacy), it drains, stops and is
     * unloaded, and its archives are deleted. A bundled plugin of the same id loads again at the next restart.
     *
     * @param id the plugin id
     * @return the removed plugin's last version
     * @throws NoSuchElementException if no plugin has that id
     * @throws LifecycleConflictException if the plugin was never uploaded (its jar is part of the distribution)
     */
    public PluginRuntime remove(String id) {
        lock.lock();
        try {
            PluginRuntime current = require(id);
            if (archives.current(id).isEmpty()) {
                throw new LifecycleConflictException("Plugin '" + id + "' is bundled with the distribution, not "
                        + "uploaded; disable it instead, or remove its jar from the plugins folder");
            }
            unloadRemoved(current);
            archives.remove(id);
            return current;
        } finally {
            lock.unlock();
        }
    }

    /** Stops (draining) and unloads a plugin version and takes it out of the tables. */
    private void unloadRemoved(PluginRuntime current) {
        if (current.state() == PluginState.STARTED) {
            stopPlugin(current);
        }
        runtimes.remove(current.id());
        publish();
        current.unload();
    }

    /** Puts {@code next} in the place of {@code current} (null for a new plugin); see {@link #install}. */
    private void switchTo(PluginRuntime current, PluginRuntime next) {
        String id = next.id();
        if (current != null && current.state() == PluginState.DISABLED) {
            runtimes.put(id, next);
            publish();
            current.unload();
            return;
        }
        if (current != null && current.state() == PluginState.STARTED) {
            long began = System.nanoTime();
            startPlugin(next, current);
            if (next.state() == PluginState.STARTED) {
                LOG.log(
                        Level.INFO,
                        "Plugin ''{0}'' {1} serves in place of {2}, {3} ms after its start began; draining {2}",
                        id,
                        next.version(),
                        current.version(),
                        (System.nanoTime() - began) / 1_000_000);
            }
        } else {
            runtimes.put(id, next);
            startPlugin(next);
        }
        if (next.state() != PluginState.STARTED) {
            if (current == null) {
                runtimes.remove(id);
            } else {
                runtimes.put(id, current);
            }
            publish();
            next.unload();
            throw new PluginStartException("Plugin '" + id + "' " + next.version() + " failed to start: "
                    + next.failure().orElse("unknown"));
        }
        if (current != null) {
            if (current.state() == PluginState.STARTED) {
                stopPlugin(current);
            }
            current.unload();
        }
    }

    /** Stops every started plugin (reverse start order) without changing what ops chose; then PF4J's plugins. */
    @Override
    public void close() {
        lock.lock();
        try {
            List<PluginRuntime> started = new ArrayList<>(runtimes.values());
            Collections.reverse(started);
            for (PluginRuntime runtime : started) {
                if (runtime.state() == PluginState.STARTED) {
                    stopPlugin(runtime);
                    publish();
                }
            }
            for (PluginRuntime runtime : started) {
                if (runtime.unloadsAlone()) {
                    runtime.unload(); // uploaded versions live in managers of their own
                }
            }
            // One by one: PF4J's stopPlugins() modifies the list it iterates (pf4j#656).
            List<PluginWrapper> loaded = new ArrayList<>(pluginManager.getStartedPlugins());
            Collections.reverse(loaded);
            for (PluginWrapper wrapper : loaded) {
                pluginManager.stopPlugin(wrapper.getPluginId());
            }
            for (PluginWrapper wrapper : new ArrayList<>(pluginManager.getPlugins())) {
                pluginManager.unloadPlugin(wrapper.getPluginId());
            }
        } finally {
            lock.unlock();
        }
    }

    private PluginRuntime require(String id) {
        PluginRuntime runtime = runtimes.get(id);
        if (runtime == null) {
            throw new NoSuchElementException("No plugin with id '" + id + "'");
        }
        return runtime;
    }

    private void startPlugin(PluginRuntime runtime) {
        startPlugin(runtime, null);
    }

    /**
     * Starts a plugin and publishes what it registered; with {@code replacing} (a started older version of the same
     * plugin, or null) the new version takes its place in the table, and the caller then drains and stops the old one.
     */
    private void startPlugin(PluginRuntime runtime, PluginRuntime replacing) {
        if (activation.start(runtime, replacing, routeTable)) {
            if (replacing != null) {
                runtimes.put(runtime.id(), runtime); // the next publish() swaps the old version's routes for these
            }
            publish();
        }
    }

    /** Takes a started plugin's routes out of the table at once, then drains and stops it ({@code DISABLED}). */
    private void stopPlugin(PluginRuntime runtime) {
        List<RouteEntry> withoutRoutes = new ArrayList<>(routeTable.routes());
        withoutRoutes.removeIf(r -> r.owner() == runtime);
        List<FallbackEntry> withoutFallbacks = new ArrayList<>(routeTable.fallbacks());
        withoutFallbacks.removeIf(f -> f.owner() == runtime);
        routeTable = RouteTable.of(routeTable.revision() + 1, withoutRoutes, withoutFallbacks);
        activation.stop(runtime);
    }

    private void publish() {
        List<RouteEntry> routes = new ArrayList<>();
        List<FallbackEntry> fallbacks = new ArrayList<>();
        for (PluginRuntime runtime : runtimes.values()) {
            routes.addAll(runtime.routes());
            fallbacks.addAll(runtime.fallbacks());
        }
        routeTable = RouteTable.of(routeTable.revision() + 1, routes, fallbacks);
        List<PluginRuntime> sorted = new ArrayList<>(runtimes.values());
        sorted.sort(Comparator.comparing(PluginRuntime::id));
        snapshot = List.copyOf(sorted);
    }
}
