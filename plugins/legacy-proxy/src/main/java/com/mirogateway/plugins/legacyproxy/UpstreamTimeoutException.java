package com.mirogateway.plugins.legacyproxy;

import java.io.Serial;

/**
 * The legacy service did not accept the connection within {@code legacy.connect-timeout} or went silent for longer than
 * {@code legacy.read-timeout}. Counts as a failure for the circuit breaker.
 */
final class UpstreamTimeoutException extends LegacyProxyException {
    @Serial
    private static final long serialVersionUID = 1L;

    UpstreamTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
