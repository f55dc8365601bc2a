package com.mirogateway.platform.host.config;

/**
 * A {@code GATEWAY_*} environment variable cannot be turned into a configuration key. The message is one line naming
 * the variable, the key it would set and why that key cannot be set; it is meant for the operator as it is, so
 * callers print it without a stack trace.
 */
public final class EnvironmentVariableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EnvironmentVariableException(String message) {
        super(message, null, false, false);
    }
}
