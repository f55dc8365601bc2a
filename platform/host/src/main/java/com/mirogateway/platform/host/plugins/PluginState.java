package com.mirogateway.platform.host.plugins;

/**
 * A plugin's state as ops see it.
 *
 * <p>{@code STARTED} serves its routes; {@code DISABLED} was switched off by ops (its routes fall back); {@code FAILED}
 * could not be loaded or started (reason given; its routes fall back). Transitions: STARTED → DISABLED on disable,
 * DISABLED/FAILED → STARTED on a successful enable, any → FAILED when loading or starting throws.
 */
public enum PluginState {
    STARTED,
    DISABLED,
    FAILED
}
