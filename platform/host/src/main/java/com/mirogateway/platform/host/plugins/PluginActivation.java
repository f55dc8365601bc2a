package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.host.plugins.PluginFacilities.PluginJobs;
import io.helidon.config.Config;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts one plugin version in a context of its own and stops it again: its config section, its {@code start()},
 * the check of its claims against the route table, its services and job handlers going live (or taken over from the
 * version it replaces), and on stop the drain of its in-flight calls. Called by {@link PluginHost} under its lock;
 * the host owns the route table and publishes what a started plugin claimed.
 */
final class PluginActivation {
    private static final System.Logger LOG = System.getLogger(PluginActivation.class.getName());

    private final Config rootConfig;
    private final Duration drainTimeout;
    private final PluginFacilities facilities;
    private final ServiceRegistry services = new ServiceRegistry();
    private final Map<PluginRuntime, PluginJobs> activeJobs = new HashMap<>();

    PluginActivation(Config rootConfig, Duration drainTimeout, PluginFacilities facilities) {
        this.rootConfig = rootConfig;
        this.drainTimeout = drainTimeout;
        this.facilities = facilities;
    }

    /**
     * Starts a plugin. With {@code replacing} (a started older version of the same plugin, or null), its claims do
     * not count as conflicts, and on success its job handlers and services are switched over to the new version; the
     * caller then publishes the new routes, drains and stops the old one. On failure the plugin is {@code FAILED} and
     * the old version is left as it was.
     *
     * @param table the live route table, which the plugin's claims must not conflict with
     * @return whether the plugin started
     */
    boolean start(PluginRuntime runtime, PluginRuntime replacing, RouteTable table) {
        GatewayPlugin plugin = runtime.plugin().orElseThrow();
        PluginCalls calls = new PluginCalls(runtime);
        PluginJobs jobs = facilities.jobs(calls);
        Config config;
        try {
            config = configFor(runtime.id(), plugin);
        } catch (RuntimeException | LinkageError e) {
            fail(runtime, "configSection() failed: " + e.getMessage(), e);
            return false;
        }
        HostPluginContext context =
                new HostPluginContext(runtime, config, services, jobs, facilities.store(calls), facilities.miro());
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
            return false;
        }
        context.seal();
        Optional<String> conflict = conflictOf(runtime, context, replacing, table);
        if (conflict.isEmpty()) {
            conflict = replacing == null
                    ? activate(runtime, context, jobs)
                    : LiveSwitch.handOver(replacing, runtime, context.registeredServices(), jobs, activeJobs, services);
        }
        if (conflict.isPresent()) {
            stopQuietly(runtime);
            fail(runtime, conflict.get(), null);
            return false;
        }
        activeJobs.put(runtime, jobs);
        runtime.started(context.claimedRoutes(), context.claimedFallbacks());
        LOG.log(
                Level.INFO,
                "Plugin ''{0}'' {1} started with routes {2}",
                runtime.id(),
                runtime.version(),
                runtime.claimedRoutes());
        List<String> publicRoutes = context.claimedRoutes().stream()
                .filter(RouteEntry::publicAccess)
                .map(RouteEntry::describe)
                .toList();
        if (!publicRoutes.isEmpty()) {
            LOG.log(Level.INFO, "Plugin ''{0}'' serves {1} without a token", runtime.id(), publicRoutes);
        }
        return true;
    }

    /**
     * Stops a started plugin whose routes the caller has already taken out of the table: no new calls enter it, its
     * services and job handlers are withdrawn, its in-flight calls finish (up to the drain timeout), then its
     * {@code stop()} runs and it is {@code DISABLED}.
     */
    void stop(PluginRuntime runtime) {
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
        runtime.disabled();
        LOG.log(Level.INFO, "Plugin ''{0}'' stopped", runtime.id());
    }

    private Optional<String> activate(PluginRuntime runtime, HostPluginContext context, PluginJobs jobs) {
        try {
            services.publish(runtime, context.registeredServices());
            jobs.activate();
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Optional<String> conflictOf(
            PluginRuntime runtime, HostPluginContext context, PluginRuntime replacing, RouteTable table) {
        for (RouteEntry claim : context.claimedRoutes()) {
            for (RouteEntry existing : table.routes()) {
                if (existing.owner() != replacing
                        && existing.method().equals(claim.method())
                        && existing.template().shape().equals(claim.template().shape())) {
                    return Optional.of("Route " + claim.describe() + " of plugin '" + runtime.id()
                            + "' conflicts with " + existing.describe() + " already claimed by plugin '"
                            + existing.owner().id() + "'");
                }
            }
        }
        for (FallbackEntry fallback : context.claimedFallbacks()) {
            for (FallbackEntry existing : table.fallbacks()) {
                if (existing.owner() != replacing && existing.prefix().equals(fallback.prefix())) {
                    return Optional.of("Fallback for " + fallback.prefix() + "/** of plugin '" + runtime.id()
                            + "' conflicts with the one already held by plugin '"
                            + existing.owner().id() + "'");
                }
            }
        }
        return Optional.empty();
    }

    private static void stopQuietly(PluginRuntime runtime) {
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
        PluginJobs jobs = activeJobs.remove(runtime);
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

    /** The plugin's config section: {@code plugins.<id>}, or the one it names ({@code GatewayPlugin.configSection}). */
    private Config configFor(String pluginId, GatewayPlugin plugin) {
        Optional<String> section = plugin.configSection();
        if (section.isEmpty()) {
            return rootConfig.get("plugins").get(pluginId);
        }
        if (section.get().isBlank()) {
            throw new IllegalArgumentException("the section name is blank");
        }
        return rootConfig.get(section.get());
    }
}
