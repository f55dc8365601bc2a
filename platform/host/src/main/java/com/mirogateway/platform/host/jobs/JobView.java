package com.mirogateway.platform.host.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A job as ops and clients see it: no payload, no lease internals.
 *
 * @param id the job id
 * @param type the job type
 * @param state its state
 * @param attempts attempts started so far
 * @param maxAttempts attempts before it is dead
 * @param createdAt when it was enqueued
 * @param runAt when it is (or was) due
 * @param startedAt when its latest attempt started
 * @param finishedAt when it succeeded or died
 * @param lastError the latest attempt's failure, a short message without stack trace
 */
public record JobView(
        String id,
        String type,
        JobState state,
        int attempts,
        int maxAttempts,
        Instant createdAt,
        Instant runAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<String> lastError) {

    /** The JSON object of {@code GET /api/jobs/{id}} and {@code /admin/jobs}. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", type);
        json.put("state", state.dbName());
        json.put("attempts", attempts);
        json.put("maxAttempts", maxAttempts);
        json.put("createdAt", createdAt.toString());
        json.put("runAt", runAt.toString());
        json.put("startedAt", startedAt.map(Instant::toString).orElse(null));
        json.put("finishedAt", finishedAt.map(Instant::toString).orElse(null));
        json.put("lastError", lastError.orElse(null));
        return json;
    }
}
