package com.mirogateway.platform.api;

import java.io.Serial;

/**
 * A call to Miro through {@link MiroClient} did not produce a usable answer. The subtypes say why, so a plugin can
 * decide what to do (serve a stale cached copy, put a job off, give up); {@link #toProblem()} is the answer the gateway
 * gives a client when the plugin has nothing better.
 */
public abstract sealed class MiroException extends RuntimeException
        permits MiroErrorException, MiroRateLimitedException, MiroUnavailableException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, safe to log and to show (never a token)
     * @param cause the underlying failure, or {@code null}
     */
    protected MiroException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The problem response a gateway client gets for this failure when no cached copy can stand in.
     *
     * @return the problem to throw from a handler
     */
    public abstract ProblemException toProblem();

    /** Seconds from now until {@code at}, at least 1: the value of a {@code Retry-After} header. */
    static long secondsUntil(java.time.Instant at) {
        long millis = java.time.Duration.between(java.time.Instant.now(), at).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
