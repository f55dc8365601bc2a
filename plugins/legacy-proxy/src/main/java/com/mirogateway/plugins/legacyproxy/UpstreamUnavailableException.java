package com.mirogateway.plugins.legacyproxy;

import java.io.Serial;

/**
 * The legacy service could not be reached or broke the exchange before its response headers arrived (connection
 * refused, reset, closed, unknown host). Counts as a failure for the circuit breaker.
 */
final class UpstreamUnavailableException extends LegacyProxyException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean connectFailed;

    UpstreamUnavailableException(String message, Throwable cause, boolean connectFailed) {
        super(message, cause);
        this.connectFailed = connectFailed;
    }

    /** Whether no connection could be opened at all (so nothing was sent). */
    boolean connectFailed() {
        return connectFailed;
    }
}
