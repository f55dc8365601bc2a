package com.mirogateway.platform.host.logging;

import java.util.Optional;

/**
 * The correlation id of the work the current thread does, and for an authenticated request its subject and client id;
 * read by {@link JsonLogFormatter}.
 *
 * <p>Set by the request filters for the request's virtual thread (and by workers for a job); always cleared in a
 * {@code finally} by whoever set the correlation id ({@link #clear()} clears all three).
 */
public final class LogContext {
    private static final ThreadLocal<String> CORRELATION_ID = new ThreadLocal<>();
    private static final ThreadLocal<String[]> IDENTITY = new ThreadLocal<>();

    private LogContext() {}

    /** Sets the current thread's correlation id. */
    public static void set(String correlationId) {
        CORRELATION_ID.set(correlationId);
    }

    /**
     * Records who the current thread's request is for (set by the authentication filter, never from a token itself).
     *
     * @param subject the authenticated subject
     * @param clientId the OAuth client id, or null if the token names none
     */
    public static void identify(String subject, String clientId) {
        IDENTITY.set(new String[] {subject, clientId});
    }

    /** Clears the current thread's correlation id, subject and client id. */
    public static void clear() {
        CORRELATION_ID.remove();
        IDENTITY.remove();
    }

    /** The authenticated subject of the current thread's request, if any. */
    public static Optional<String> subject() {
        return Optional.ofNullable(IDENTITY.get()).map(identity -> identity[0]);
    }

    /** The OAuth client id of the current thread's request, if any. */
    public static Optional<String> clientId() {
        return Optional.ofNullable(IDENTITY.get()).map(identity -> identity[1]);
    }

    /** The current thread's correlation id, if any. */
    public static Optional<String> correlationId() {
        return Optional.ofNullable(CORRELATION_ID.get());
    }
}
