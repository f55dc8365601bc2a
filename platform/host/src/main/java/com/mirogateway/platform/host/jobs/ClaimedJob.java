package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.api.Job;
import java.util.Optional;

/**
 * A job a worker claimed: what the handler needs, plus the fencing token ({@code attempt}) and the times for the
 * enqueue-to-start metric.
 */
record ClaimedJob(
        String id,
        String type,
        String payload,
        int attempt,
        int maxAttempts,
        int snoozes,
        Optional<String> correlationId,
        long runAtMillis,
        long startedAtMillis) {

    Job toJob() {
        return new Job(id, type, payload, attempt, maxAttempts, correlationId);
    }
}
