package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.host.plugins.PluginFacilities.PluginJobs;
import io.helidon.config.Config;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    /** Plugins whose configuration section is a documented top-level node rather than {@code plugins.<id>}. */
    private static final Map<String, String> CONFIG_SECTION_ALIASES = Map.of("legacy-proxy", "legacy");

    private final Config rootConfig;
    private final GatewayPluginManager pluginManager;
    private final PluginStateStore stateStore;
    private final Duration drainTimeout;
    private final PluginFacilities facilities;
    private final Map<String, PluginJobs> activeJobs = new java.util.HashMap<>();
    private final ServiceRegistry services = new ServiceRegistry();
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
     */
    public PluginHost(
            Config rootConfig,
            Path pluginsDir,
            Path legacyStateFile,
            Duration drainTimeout,
            Store hostStore,
            PluginFacilities facilities) {
        this.rootConfig = rootConfig;
        this.pluginManager = new GatewayPluginManager(pluginsDir);
        this.stateStore = new PluginStateStore(hostStore, legacyStateFile, facilities::pluginStateChanged);
        this.drainTimeout = drainTimeout;
        this.facilities = facilities;
    }

    /** Loads every plugin in the plugins folder and starts those not disabled by ops. */
    public void start() {
        lock.lock();
        try {
            pluginManager.loadPlugins();
            pluginManager.startPlugins();
            for (PluginWrapper wrapper : dependenciesFirst(pluginManager.getResolvedPlugins())) {
                runtimes.put(wrapper.getPluginId(), runtimeFor(wrapper));
            }
            for (PluginWrapper wrapper : pluginManager.getUnresolvedPlugins()) {
                runtimes.put(wrapper.getPluginId(), runtimeFor(wrapper));
            }
            pluginManager
                    .rejections()
                    .values()
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
                runtime.disabled();
                publish();
            }
            return runtime;
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

    /** Stops every started plugin (reverse start order) without changing what ops chose; then PF4J's plugins. */
    @Override
    public void close() {
        lock.lock();
        try {
            List<PluginRuntime> started = new ArrayList<>(runtimes.values());
            java.util.Collections.reverse(started);
            for (PluginRuntime runtime : started) {
                if (runtime.state() == PluginState.STARTED) {
                    stopPlugin(runtime);
                    runtime.disabled();
                    publish();
                }
            }
            // One by one: PF4J's stopPlugins() modifies the list it iterates (pf4j#656).
            List<PluginWrapper> loaded = new ArrayList<>(pluginManager.getStartedPlugins());
            java.util.Collections.reverse(loaded);
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

    /** Orders plugins so every plugin comes after those it depends on (optional dependencies included). */
    static List<PluginWrapper> dependenciesFirst(List<PluginWrapper> plugins) {
        Map<String, PluginWrapper> byId = new LinkedHashMap<>();
        plugins.stream()
                .sorted(Comparator.comparing(PluginWrapper::getPluginId))
                .forEach(p -> byId.put(p.getPluginId(), p));
        List<PluginWrapper> ordered = new ArrayList<>();
        java.util.Set<String> visited = new java.util.HashSet<>();
        for (String id : byId.keySet()) {
            visit(id, byId, visited, ordered);
        }
        return ordered;
    }

    private static void visit(
            String id, Map<String, PluginWrapper> byId, java.util.Set<String> visited, List<PluginWrapper> ordered) {
        PluginWrapper wrapper = byId.get(id);
        if (wrapper == null || !visited.add(id)) {
            return; // PF4J already refused dependency cycles and missing mandatory dependencies
        }
        for (org.pf4j.PluginDependency dependency : wrapper.getDescriptor().getDependencies()) {
            visit(dependency.getPluginId(), byId, visited, ordered);
        }
        ordered.add(wrapper);
    }

    private PluginRuntime require(String id) {
        PluginRuntime runtime = runtimes.get(id);
        if (runtime == null) {
            throw new NoSuchElementException("No plugin with id '" + id + "'");
        }
        return runtime;
    }

    private PluginRuntime runtimeFor(PluginWrapper wrapper) {
        String id = wrapper.getPluginId();
        String version = wrapper.getDescriptor().getVersion();
        if (wrapper.getPluginState() != org.pf4j.PluginState.STARTED) {
            String reason = Optional.ofNullable(wrapper.getFailedException())
                    .map(Throwable::getMessage)
                    .orElse("PF4J could not start the plugin (state " + wrapper.getPluginState()
                            + "); check its dependencies");
            return PluginRuntime.failed(id, version, reason);
        }
        List<GatewayPlugin> extensions = pluginManager.getExtensions(GatewayPlugin.class, id);
        if (extensions.size() != 1) {
            return PluginRuntime.failed(
                    id,
                    version,
                    "A plugin must have exactly one @Extension implementing GatewayPlugin; found " + extensions.size());
        }
        return new PluginRuntime(id, version, wrapper.getPluginClassLoader(), extensions.get(0));
    }

    private void startPlugin(PluginRuntime runtime) {
        GatewayPlugin plugin = runtime.plugin().orElseThrow();
        PluginCalls calls = new PluginCalls(runtime);
        PluginJobs jobs = facilities.jobs(calls);
        HostPluginContext context = new HostPluginContext(
                runtime, configFor(runtime.id()), services, jobs, facilities.store(calls), facilities.miro());
        context.cluster(facilities.messages(calls));
        try {
            runtime.withContextClassLoader(() -> {
                plugin.start(context);
                return null;
            });
        } catch (Exception | LinkageError e) {
            context.seal();
            stopQuietly(runtime);
            fail(runtime, "start() threw " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            return;
        }
        context.seal();
        Optional<String> conflict = conflictOf(runtime, context);
        if (conflict.isEmpty()) {
            try {
                services.publish(runtime, context.registeredServices());
                jobs.activate();
            } catch (IllegalStateException e) {
                conflict = Optional.of(e.getMessage());
            }
        }
        if (conflict.isPresent()) {
            stopQuietly(runtime);
            fail(runtime, conflict.get(), null);
            return;
        }
        activeJobs.put(runtime.id(), jobs);
        runtime.started(context.claimedRoutes(), context.claimedFallbacks());
        publish();
        LOG.log(
                Level.INFO,
                "Plugin ''{0}'' {1} started with routes {2}",
                runtime.id(),
                runtime.version(),
                runtime.claimedRoutes());
    }

    private Optional<String> conflictOf(PluginRuntime runtime, HostPluginContext context) {
        for (RouteEntry claim : context.claimedRoutes()) {
            for (RouteEntry existing : routeTable.routes()) {
                if (existing.method().equals(claim.method())
                        && existing.template().shape().equals(claim.template().shape())) {
                    return Optional.of("Route " + claim.describe() + " of plugin '" + runtime.id()
                            + "' conflicts with " + existing.describe() + " already claimed by plugin '"
                            + existing.owner().id() + "'");
                }
            }
        }
        for (FallbackEntry fallback : context.claimedFallbacks()) {
            for (FallbackEntry existing : routeTable.fallbacks()) {
                if (existing.prefix().equals(fallback.prefix())) {
                    return Optional.of("Fallback for " + fallback.prefix() + "/** of plugin '" + runtime.id()
                            + "' conflicts with the one already held by plugin '"
                            + existing.owner().id() + "'");
                }
            }
        }
        return Optional.empty();
    }

    private void stopPlugin(PluginRuntime runtime) {
        List<RouteEntry> withoutRoutes = new ArrayList<>(routeTable.routes());
        withoutRoutes.removeIf(r -> r.owner() == runtime);
        List<FallbackEntry> withoutFallbacks = new ArrayList<>(routeTable.fallbacks());
        withoutFallbacks.removeIf(f -> f.owner() == runtime);
        routeTable = RouteTable.of(routeTable.revision() + 1, withoutRoutes, withoutFallbacks);
        runtime.gate().close();
        services.withdraw(runtime);
        withdrawJobs(runtime);
        try {
            if (!runtime.gate().awaitIdle(drainTimeout)) {
                LOG.log(
                        Level.WARNING,
                        "Plugin ''{0}'' still had {1} calls in flight after {2}; stopping it anyway",
                        runtime.id(),
                        runtime.gate().inFlight(),
                        drainTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly(runtime);
        LOG.log(Level.INFO, "Plugin ''{0}'' stopped", runtime.id());
    }

    private void stopQuietly(PluginRuntime runtime) {
        try {
            runtime.withContextClassLoader(() -> {
                runtime.plugin().orElseThrow().stop();
                return null;
            });
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "Plugin '" + runtime.id() + "' threw from stop()", e);
        }
    }

    private void withdrawJobs(PluginRuntime runtime) {
        PluginJobs jobs = activeJobs.remove(runtime.id());
        if (jobs != null) {
            jobs.deactivate();
        }
    }

    private void fail(PluginRuntime runtime, String reason, Throwable cause) {
        runtime.fail(reason);
        services.withdraw(runtime);
        withdrawJobs(runtime);
        LOG.log(Level.ERROR, "Plugin '" + runtime.id() + "' failed: " + reason, cause);
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

    private Config configFor(String pluginId) {
        String alias = CONFIG_SECTION_ALIASES.get(pluginId);
        return alias != null ? rootConfig.get(alias) : rootConfig.get("plugins").get(pluginId);
    }
}
