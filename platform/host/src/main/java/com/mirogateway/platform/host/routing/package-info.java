/**
 * Migration controls: per-route modes ({@code plugin}, {@code legacy}, {@code canary}, {@code shadow},
 * {@code legacy-vs-legacy}) that decide whether a claimed route is served by its plugin or by the legacy fallback, the
 * shadow runs that compare the two off the client's path, and the diff reports ops read under {@code /admin/routes}.
 *
 * <p>{@link com.mirogateway.platform.host.routing.MigrationControls} assembles the package for the gateway;
 * {@link com.mirogateway.platform.host.routing.ModeRouter} is what the HTTP dispatcher calls.
 */
package com.mirogateway.platform.host.routing;
