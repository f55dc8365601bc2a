package com.mirogateway.platform.api;

import java.io.Serial;

/**
 * Thrown by a {@link JobHandler} when retrying cannot help (for example Miro answered 404 or the token was revoked):
 * the job becomes {@code dead} at once with this message as its last error, and ops can still retry it.
 */
public final class PermanentJobFailureException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why the job cannot succeed, shown to ops; no secrets
     * @param cause the underlying failure, or {@code null}
     */
    public PermanentJobFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
