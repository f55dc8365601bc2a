package com.mirogateway.platform.host.plugins;

/**
 * A lifecycle operation does not fit the plugin's situation: no previous version to roll back to, a bundled plugin
 * (nothing uploaded to remove), or a plugin another started plugin needs. Nothing changed.
 */
public final class LifecycleConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LifecycleConflictException(String message) {
        super(message);
    }
}
