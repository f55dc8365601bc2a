package com.mirogateway.platform.host.routing;

/**
 * A route mode that cannot be used: unknown mode name, canary share outside 0–100, malformed ignore rule. From the ops
 * API it becomes a 400 problem; from configuration it stops the gateway at startup, naming the key.
 */
public final class InvalidRouteModeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidRouteModeException(String message) {
        super(message);
    }

    InvalidRouteModeException(String message, Throwable cause) {
        super(message, cause);
    }
}
