package com.mirogateway.platform.host.plugins;

/** A new plugin version failed to start (or to take over); the version that ran before runs on unchanged. */
public final class PluginStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PluginStartException(String message) {
        super(message);
    }
}
