package com.mirogateway.platform.host.security;

import java.io.Serial;

/** The security, CORS, TLS or secret configuration is unusable; the gateway refuses to start. */
public final class SecurityConfigException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    SecurityConfigException(String message) {
        super(message);
    }

    SecurityConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
