package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.api.PermanentJobFailureException;
import com.mirogateway.platform.host.jobs.RunningJob.Cancel;

/**
 * What an attempt's end does to its job (the transitions out of {@link JobState#RUNNING}), decided from how the handler
 * ended, whether the attempt was cancelled, and the job's counters. Pure: the worker applies the decision.
 */
enum Outcome {
    /** The handler returned: {@code SUCCEEDED}. */
    SUCCEED,
    /**
     * A {@link PutOff} (a {@code RetryLaterException}, Miro unavailable until a known time) within
     * {@code jobs.max-snoozes}: {@code QUEUED} at its time, no attempt spent.
     */
    SNOOZE,
    /** The gateway is shutting down: back to {@code QUEUED} now, the attempt not counted. */
    RELEASE,
    /** The lease was lost: another worker may run the job; nothing is written. */
    DROP,
    /**
     * A failed attempt with attempts left: {@code FAILED}, due after the backoff (a put-off past
     * {@code jobs.max-snoozes}: after the backoff or its time, whichever is later).
     */
    RETRY,
    /** A failed last attempt, or a permanent failure: {@code DEAD}. */
    BURY;

    /**
     * Decides the outcome of one attempt.
     *
     * @param failure what the handler threw, or {@code null} if it returned
     * @param cancel why the attempt was cancelled, or {@code null}
     * @param attempt this attempt's number, from 1
     * @param maxAttempts the job's attempts
     * @param snoozes how often the job was put off so far
     * @param maxSnoozes {@code jobs.max-snoozes}
     */
    static Outcome of(Throwable failure, Cancel cancel, int attempt, int maxAttempts, int snoozes, int maxSnoozes) {
        if (failure == null) {
            return SUCCEED;
        }
        if (cancel == Cancel.LEASE_LOST) {
            return DROP;
        }
        if (cancel == Cancel.SHUTDOWN) {
            return RELEASE;
        }
        if (cancel == null && snoozes < maxSnoozes && PutOff.of(failure).isPresent()) {
            return SNOOZE;
        }
        boolean permanent = cancel == null && failure instanceof PermanentJobFailureException;
        return permanent || attempt >= maxAttempts ? BURY : RETRY;
    }
}
