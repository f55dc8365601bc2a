package com.mirogateway.platform.host.logging;

import java.util.Optional;

/**
 * The correlation id of the work the current thread does, read by {@link JsonLogFormatter}.
 *
 * <p>Set by the request filter for the request's virtual thread (and by workers for a job); always cleared in a
 * {@code finally} by whoever set it.
 */
public final class LogContext {
    private static final ThreadLocal<String> CORRELATION_ID = new ThreadLocal<>();

    private LogContext() {}

    /** Sets the current thread's correlation id. */
    public static void set(String correlationId) {
        CORRELATION_ID.set(correlationId);
    }

    /** Clears the current thread's correlation id. */
    public static void clear() {
        CORRELATION_ID.remove();
    }

    /** The current thread's correlation id, if any. */
    public static Optional<String> correlationId() {
        return Optional.ofNullable(CORRELATION_ID.get());
    }
}
