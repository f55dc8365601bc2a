package com.mirogateway.platform.host.plugins;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Readiness detail listing every plugin's state. Always up: a FAILED or DISABLED plugin's routes fall back, so the
 * gateway still serves.
 */
public final class PluginsHealthCheck implements HealthCheck {
    private final PluginHost host;

    /**
     * Creates the check.
     *
     * @param host the plugin control plane
     */
    public PluginsHealthCheck(PluginHost host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "plugins";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(true);
        for (PluginRuntime runtime : host.plugins()) {
            response.detail(runtime.id(), runtime.state().name());
        }
        return response.build();
    }
}
