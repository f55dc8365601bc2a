package com.mirogateway.platform.api;

import io.helidon.http.Status;
import java.io.Serial;
import java.time.Instant;
import java.util.Optional;

/**
 * Miro gave no usable answer: it could not be reached, timed out, kept answering 5xx after the retries, or the client
 * did not call it at all because its circuit breaker is open or its bulkhead is full.
 *
 * <p>With a known time ({@link #retryAt()}: the open breaker's half-open time, Miro's {@code Retry-After} on a 5xx)
 * it is a {@link TransientFailure}: a job handler that lets it escape is put off until then without spending an
 * attempt. Without one (a broken connection, a timeout, a 5xx without {@code Retry-After}) it fails the attempt.
 */
public final class MiroUnavailableException extends MiroException implements TransientFailure {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why Miro is unavailable. */
    public enum Reason {
        /** No connection could be made, or it broke before an answer. */
        CONNECTION,
        /** Miro did not answer within the read timeout. */
        TIMEOUT,
        /** Miro answered 5xx on every attempt. */
        SERVER_ERROR,
        /** The circuit breaker is open after recent failures: Miro was not called. */
        CIRCUIT_OPEN,
        /** Too many calls to Miro are already in flight or queued: Miro was not called. */
        BUSY
    }

    /** Why; part of the serialized form. */
    private final Reason reason;
    /** When trying again makes sense, if known; part of the serialized form. */
    private final Instant retryAt;

    /**
     * Creates the exception.
     *
     * @param reason why Miro is unavailable
     * @param retryAt when trying again makes sense, or {@code null} if unknown
     * @param message what happened, safe to log
     * @param cause the underlying failure, or {@code null}
     */
    public MiroUnavailableException(Reason reason, Instant retryAt, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryAt = retryAt;
    }

    /**
     * Why Miro is unavailable.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * When trying again makes sense.
     *
     * @return the time, if known (when an open breaker lets calls through again, Miro's {@code Retry-After})
     */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }

    /** {@link #retryAt()}. */
    @Override
    public Optional<Instant> availableAgainAt() {
        return retryAt();
    }

    /** 504 for a timeout, 502 for Miro's own 5xx, 503 otherwise; with {@code Retry-After} when the time is known. */
    @Override
    public ProblemException toProblem() {
        ProblemException problem = switch (reason) {
            case TIMEOUT ->
                new ProblemException(Status.GATEWAY_TIMEOUT_504, "miro-timeout", "Miro did not answer in time", this);
            case SERVER_ERROR ->
                new ProblemException(
                        Status.BAD_GATEWAY_502, "miro-server-error", "Miro failed to answer the request", this);
            case CONNECTION, CIRCUIT_OPEN, BUSY ->
                new ProblemException(
                        Status.SERVICE_UNAVAILABLE_503,
                        "miro-unavailable",
                        "Miro cannot be reached right now and no cached copy can stand in",
                        this);
        };
        return retryAt()
                .map(at -> problem.header("Retry-After", Long.toString(secondsUntil(at))))
                .orElse(problem);
    }
}
