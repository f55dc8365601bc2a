package com.mirogateway.plugins.legacyproxy;

import java.io.Serial;

/** The {@code legacy} configuration section is missing a required key or holds an invalid value. */
final class LegacyProxyConfigException extends LegacyProxyException {
    @Serial
    private static final long serialVersionUID = 1L;

    LegacyProxyConfigException(String message) {
        super(message);
    }

    LegacyProxyConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
