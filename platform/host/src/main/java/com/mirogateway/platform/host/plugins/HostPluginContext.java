package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.api.ClusterMessages;
import com.mirogateway.platform.api.Jobs;
import com.mirogateway.platform.api.MiroClient;
import com.mirogateway.platform.api.PluginContext;
import com.mirogateway.platform.api.Routes;
import com.mirogateway.platform.api.Services;
import com.mirogateway.platform.api.Store;
import io.helidon.config.Config;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The context one plugin sees during one start. Collects its claims and services; the host publishes them all at once
 * when {@code start} returns, or none of them if it throws or conflicts.
 */
final class HostPluginContext implements PluginContext, Routes, Services {
    private final PluginRuntime owner;
    private final Config config;
    private final ServiceRegistry registry;
    private final Jobs jobs;
    private final Store store;
    private final MiroClient miro;
    private final List<RouteEntry> routes = new ArrayList<>();
    private final List<FallbackEntry> fallbacks = new ArrayList<>();
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();
    private volatile boolean sealed;
    private volatile ClusterMessages cluster = PluginContext.super.cluster();

    HostPluginContext(
            PluginRuntime owner, Config config, ServiceRegistry registry, Jobs jobs, Store store, MiroClient miro) {
        this.owner = owner;
        this.config = config;
        this.registry = registry;
        this.jobs = jobs;
        this.store = store;
        this.miro = miro;
    }

    @Override
    public String pluginId() {
        return owner.id();
    }

    @Override
    public Routes routes() {
        return this;
    }

    @Override
    public Services services() {
        return this;
    }

    @Override
    public Jobs jobs() {
        return jobs;
    }

    @Override
    public Store store() {
        return store;
    }

    @Override
    public MiroClient miro() {
        return miro;
    }

    @Override
    public ClusterMessages cluster() {
        return cluster;
    }

    void cluster(ClusterMessages messages) {
        this.cluster = messages;
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public void claim(Method method, String pathTemplate, Handler handler) {
        add(RouteEntry.create(method, pathTemplate, owner, handler, false));
    }

    @Override
    public void claimPublic(Method method, String pathTemplate, Handler handler) {
        add(RouteEntry.create(method, pathTemplate, owner, handler, true));
    }

    private synchronized void add(RouteEntry entry) {
        checkOpen();
        for (RouteEntry existing : routes) {
            if (existing.method().equals(entry.method())
                    && existing.template().shape().equals(entry.template().shape())) {
                throw new IllegalArgumentException("Plugin '" + owner.id() + "' claims " + entry.describe() + " twice");
            }
        }
        routes.add(entry);
    }

    @Override
    public synchronized void fallback(String pathPrefix, Handler handler) {
        checkOpen();
        fallbacks.add(FallbackEntry.create(pathPrefix, owner, handler));
    }

    @Override
    public synchronized <T> void register(Class<T> type, T service) {
        checkOpen();
        if (!type.isInterface()) {
            throw new IllegalArgumentException(
                    "Services are registered by interface; " + type.getName() + " is a class");
        }
        services.put(type, type.cast(service));
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        return registry.find(type);
    }

    synchronized List<RouteEntry> claimedRoutes() {
        return List.copyOf(routes);
    }

    synchronized List<FallbackEntry> claimedFallbacks() {
        return List.copyOf(fallbacks);
    }

    synchronized Map<Class<?>, Object> registeredServices() {
        return Map.copyOf(services);
    }

    void seal() {
        sealed = true;
    }

    private void checkOpen() {
        if (sealed) {
            throw new IllegalStateException("Plugin '" + owner.id()
                    + "' registers after start(): claims and services are only accepted " + "while start() runs");
        }
    }
}
