package com.mirogateway.plugins.legacyproxy;

import java.io.Serial;

/**
 * Base of the legacy-proxy plugin's own failures. The proxy handler turns each kind into one HTTP status; nothing else
 * in the plugin decides statuses.
 */
abstract class LegacyProxyException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    LegacyProxyException(String message) {
        super(message);
    }

    LegacyProxyException(String message, Throwable cause) {
        super(message, cause);
    }
}
