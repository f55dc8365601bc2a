package com.mirogateway.platform.api;

import java.io.Serial;

/** A database operation of the {@link Store} failed: unreachable database, bad SQL or a failed migration. */
public final class StoreException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, safe to log
     * @param cause the driver's exception, or {@code null}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
