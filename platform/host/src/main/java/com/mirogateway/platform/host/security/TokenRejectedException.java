package com.mirogateway.platform.host.security;

import java.io.Serial;

/**
 * A bearer token failed a check. The message names the check in words safe for clients (and for the {@code
 * error_description} of {@code WWW-Authenticate}: no quotes or backslashes), never the token or its claims' values.
 */
final class TokenRejectedException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    TokenRejectedException(String message) {
        super(message, null, false, false);
    }

    /** With the parser's complaint as the cause; it is never logged or shown, as it may quote the token. */
    TokenRejectedException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
