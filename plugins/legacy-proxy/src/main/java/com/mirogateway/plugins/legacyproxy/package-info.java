/**
 * The legacy-proxy plugin: the terminal default for {@code /api/**}, forwarding every request no other plugin claims to
 * the legacy C# service ({@code legacy.base-url}), streaming bodies both ways.
 *
 * <p>{@link com.mirogateway.plugins.legacyproxy.LegacyProxyPlugin} wires it up; {@code LegacyProxyHandler} is the hot
 * path, {@code LegacyUpstream} the one client and circuit breaker, {@code HeaderForwarding} and
 * {@code RequestTargetGuard} the rules for headers and request targets.
 */
package com.mirogateway.plugins.legacyproxy;
