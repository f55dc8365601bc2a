package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.api.PermanentJobFailureException;
import com.mirogateway.platform.api.TransientFailure;
import java.time.Instant;
import java.util.Optional;

/**
 * A handler's failure that puts its job off instead of failing the attempt: a {@link TransientFailure} with a time
 * ({@code RetryLaterException}, the Miro client's exceptions while Miro is unavailable), thrown or found in the cause
 * chain of what was thrown. A {@link PermanentJobFailureException} on top is never a put-off. Pure.
 *
 * @param until when the job may run again
 * @param reason the put-off failure's message, for the job's last error
 */
record PutOff(Instant until, String reason) {
    /** How far down the cause chain a time is looked for. */
    private static final int MAX_DEPTH = 16;

    /**
     * The put-off a failure asks for, if any.
     *
     * @param failure what the handler threw, or {@code null} if it returned
     * @return the put-off, or empty if the failure counts as a failed attempt
     */
    static Optional<PutOff> of(Throwable failure) {
        if (failure instanceof PermanentJobFailureException) {
            return Optional.empty();
        }
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current instanceof TransientFailure transientFailure) {
                Optional<Instant> at = transientFailure.availableAgainAt();
                if (at.isPresent()) {
                    return Optional.of(new PutOff(at.get(), JobWorkers.message(current)));
                }
            }
            current = current.getCause();
        }
        return Optional.empty();
    }
}
