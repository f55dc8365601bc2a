package com.mirogateway.platform.host.security;

import java.io.Serial;

/** The OIDC provider's discovery document or key set cannot be had, and no earlier copy is cached. */
final class ProviderUnavailableException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
