package com.mirogateway.platform.host.store;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/** Readiness: down while the database does not answer, since jobs, plugin states and caches all live there. */
public final class StoreHealthCheck implements HealthCheck {
    private final HostStore store;

    /**
     * Creates the check.
     *
     * @param store the store to probe
     */
    public StoreHealthCheck(HostStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = store.isReachable();
        return HealthCheckResponse.builder()
                .status(up)
                .detail("dialect", store.dialect().name())
                .detail("reachable", up)
                .build();
    }
}
