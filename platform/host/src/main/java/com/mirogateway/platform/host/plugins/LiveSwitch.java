package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.host.plugins.PluginFacilities.PluginJobs;
import java.util.Map;
import java.util.Optional;

/**
 * The hand-over of a plugin's job handlers and services from a running version to its freshly started successor,
 * before the route table swaps. Job types go first: the old handlers are withdrawn (a job claimed in between is
 * released to the queue, its attempt not spent) and the new ones published; then the services are replaced in one
 * step, so service proxies held by other plugins call the new version from their next call on. If the new version's
 * registrations conflict with a third plugin, everything is handed back and the old version runs on untouched.
 */
final class LiveSwitch {
    private LiveSwitch() {}

    /**
     * Hands over; called by {@link PluginHost} under its lock.
     *
     * @return empty on success, else why the new version cannot take over (nothing changed)
     */
    static Optional<String> handOver(
            PluginRuntime old,
            PluginRuntime successor,
            Map<Class<?>, Object> successorServices,
            PluginJobs successorJobs,
            Map<PluginRuntime, PluginJobs> activeJobs,
            ServiceRegistry services) {
        PluginJobs oldJobs = activeJobs.get(old);
        if (oldJobs != null) {
            oldJobs.deactivate();
        }
        try {
            successorJobs.activate();
        } catch (IllegalStateException e) {
            reactivate(oldJobs);
            return Optional.of(e.getMessage());
        }
        try {
            services.replace(old, successor, successorServices);
        } catch (IllegalStateException e) {
            successorJobs.deactivate();
            reactivate(oldJobs);
            return Optional.of(e.getMessage());
        }
        activeJobs.remove(old);
        return Optional.empty();
    }

    private static void reactivate(PluginJobs jobs) {
        if (jobs != null) {
            jobs.activate();
        }
    }
}
