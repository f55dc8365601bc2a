package com.mirogateway.platform.api;

import java.io.Serial;
import java.time.Instant;
import java.util.Optional;

/**
 * Thrown by a {@link JobHandler} to run the job again later without spending an attempt, for example while Miro's
 * rate budget is exhausted until its reset. The job goes back to the queue with its run time set to {@link #runAt()}.
 * A job may be put off at most {@code jobs.max-snoozes} times; after that a put-off counts as a failed attempt (and the
 * job still does not run before {@link #runAt()}). Any other {@link TransientFailure} with a time does the same.
 */
public final class RetryLaterException extends RuntimeException implements TransientFailure {
    @Serial
    private static final long serialVersionUID = 1L;

    /** When to run again; part of the serialized form. */
    private final Instant runAt;

    /**
     * Creates the exception.
     *
     * @param runAt when the job may run again
     * @param reason why it is put off, for the logs and {@code GET /api/jobs/{id}}
     */
    public RetryLaterException(Instant runAt, String reason) {
        super(reason);
        this.runAt = runAt;
    }

    /**
     * When the job may run again.
     *
     * @return the next run time
     */
    public Instant runAt() {
        return runAt;
    }

    /** {@link #runAt()}, always present. */
    @Override
    public Optional<Instant> availableAgainAt() {
        return Optional.of(runAt);
    }
}
