package com.mirogateway.platform.host.jobs;

import java.util.Locale;
import java.util.Optional;

/**
 * A job's state, as stored and as shown by the ops endpoints (lower case).
 *
 * <pre>
 * enqueue ──► QUEUED ──claim──► RUNNING ──ok──► SUCCEEDED
 *               ▲  ▲              │  │
 *   release/    │  └─RetryLater───┘  ├─failure, attempts left──► FAILED ──due, claim──► RUNNING
 *   shutdown ───┘                    └─failure, none left / permanent──► DEAD ──ops retry──► QUEUED
 * </pre>
 *
 * A RUNNING job whose lease expired is moved by the reaper to FAILED (attempts left) or DEAD. Ops may delete a job in
 * any state but RUNNING.
 */
public enum JobState {
    /** Waiting for its first attempt (or released by a shutdown or a put-off): claimable once due. */
    QUEUED,
    /** Claimed by a worker that holds its lease. */
    RUNNING,
    /** Finished; kept for {@code jobs.succeeded-retention}. */
    SUCCEEDED,
    /** An attempt failed; the next one is due at the job's run time. Claimable once due. */
    FAILED,
    /** Out of attempts (or failed permanently); waits for ops to retry or delete it. */
    DEAD;

    /** The stored and shown name. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state with this stored name. */
    public static Optional<JobState> parse(String name) {
        for (JobState state : values()) {
            if (state.dbName().equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
