package com.mirogateway.platform.api;

import io.helidon.http.Status;
import java.io.Serial;
import java.time.Instant;
import java.util.Optional;

/**
 * Miro's rate budget is spent until {@link #retryAt()}: Miro answered 429, or the client kept the call back because
 * the budget would not cover it before the reset. No call reaches Miro before that time. A job handler may let it
 * escape: as a {@link TransientFailure} it puts the job off until the reset without spending an attempt.
 */
public final class MiroRateLimitedException extends MiroException implements TransientFailure {
    @Serial
    private static final long serialVersionUID = 1L;

    /** When Miro's budget resets; part of the serialized form. */
    private final Instant retryAt;

    /**
     * Creates the exception.
     *
     * @param retryAt when calls may go to Miro again
     * @param message what happened
     */
    public MiroRateLimitedException(Instant retryAt, String message) {
        super(message, null);
        this.retryAt = retryAt;
    }

    /**
     * When calls may go to Miro again.
     *
     * @return the reset time
     */
    public Instant retryAt() {
        return retryAt;
    }

    /** {@link #retryAt()}, always present. */
    @Override
    public Optional<Instant> availableAgainAt() {
        return Optional.of(retryAt);
    }

    /** 503 with {@code Retry-After} (whole seconds until the reset, at least 1). */
    @Override
    public ProblemException toProblem() {
        return new ProblemException(
                        Status.SERVICE_UNAVAILABLE_503,
                        "miro-rate-limited",
                        "Miro's rate limit is reached and no cached copy can stand in; retry after the reset")
                .header("Retry-After", Long.toString(secondsUntil(retryAt)));
    }
}
