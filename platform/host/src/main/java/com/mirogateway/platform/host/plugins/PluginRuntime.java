package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import java.util.List;
import java.util.Optional;

/**
 * The host's record of one plugin: identity, class loader, state and what it registered.
 *
 * <p>Written only by {@link PluginHost} under its lock; read by any thread (fields are volatile, lists immutable).
 */
public final class PluginRuntime {
    private final String id;
    private final String version;
    private final ClassLoader classLoader;
    private final GatewayPlugin plugin;
    private final InFlightGate gate = new InFlightGate();
    private volatile PluginState state;
    private volatile String failure;
    private volatile List<RouteEntry> routes = List.of();
    private volatile List<FallbackEntry> fallbacks = List.of();
    private volatile Runnable unloader = () -> {};
    private volatile boolean ownManager;
    private volatile String archiveDigest;

    PluginRuntime(String id, String version, ClassLoader classLoader, GatewayPlugin plugin) {
        this.id = id;
        this.version = version;
        this.classLoader = classLoader;
        this.plugin = plugin;
        this.state = PluginState.DISABLED;
    }

    static PluginRuntime failed(String id, String version, String reason) {
        PluginRuntime runtime = new PluginRuntime(id, version, PluginRuntime.class.getClassLoader(), null);
        runtime.fail(reason);
        return runtime;
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public PluginState state() {
        return state;
    }

    /** How many calls (requests, service calls) are inside the plugin right now. */
    public int inFlight() {
        return gate.inFlight();
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The routes this plugin claims while started, as {@code METHOD /template}; fallbacks as {@code * /prefix/**}. */
    public List<String> claimedRoutes() {
        return java.util.stream.Stream.concat(
                        routes.stream()
                                .map(r -> r.method().text() + " " + r.template().text()),
                        fallbacks.stream().map(f -> "* " + f.prefix() + "/**"))
                .toList();
    }

    Optional<GatewayPlugin> plugin() {
        return Optional.ofNullable(plugin);
    }

    ClassLoader classLoader() {
        return classLoader;
    }

    InFlightGate gate() {
        return gate;
    }

    List<RouteEntry> routes() {
        return routes;
    }

    List<FallbackEntry> fallbacks() {
        return fallbacks;
    }

    void started(List<RouteEntry> routes, List<FallbackEntry> fallbacks) {
        this.routes = List.copyOf(routes);
        this.fallbacks = List.copyOf(fallbacks);
        this.failure = null;
        this.state = PluginState.STARTED;
        gate.open();
    }

    void disabled() {
        this.routes = List.of();
        this.fallbacks = List.of();
        this.state = PluginState.DISABLED;
    }

    void fail(String reason) {
        this.routes = List.of();
        this.fallbacks = List.of();
        this.failure = reason;
        this.state = PluginState.FAILED;
        gate.close();
    }

    /** Sets how this version is unloaded once it is stopped and no longer in the tables. */
    void unloadWith(Runnable unloader, boolean ownManager) {
        this.unloader = unloader;
        this.ownManager = ownManager;
    }

    /** Whether this version was loaded by a PF4J manager of its own (an uploaded archive). */
    boolean unloadsAlone() {
        return ownManager;
    }

    /** Unloads this version (closes its class loader); afterwards it must not be called. Idempotent. */
    void unload() {
        Runnable once = unloader;
        unloader = () -> {};
        once.run();
    }

    /**
     * Runs {@code call} with this plugin's class loader as the thread's context class loader.
     *
     * @param call the call into the plugin
     * @param <T> the result type
     * @return the call's result
     * @throws Exception whatever the call throws
     */
    <T> T withContextClassLoader(java.util.concurrent.Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The digest of the uploaded archive this version was loaded from; empty for a bundled jar. */
    Optional<String> archiveDigest() {
        return Optional.ofNullable(archiveDigest);
    }

    /** Records the uploaded archive this version was loaded from. */
    void loadedFrom(String digest) {
        this.archiveDigest = digest;
    }

    /**
     * Records why a change made through another gateway could not be applied here; the state is unchanged (an older
     * version runs on) and the reason is shown until this version is replaced or started again, or the store is back
     * at this version (null).
     */
    void notApplied(String reason) {
        this.failure = reason;
    }
}
