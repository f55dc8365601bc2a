package com.mirogateway.platform.api;

import java.io.Serial;

/**
 * Thrown by a service obtained from {@link Services#find(Class)} when the plugin that provided it has stopped.
 */
public final class ServiceUnavailableException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which service is gone and why
     */
    public ServiceUnavailableException(String message) {
        super(message);
    }
}
