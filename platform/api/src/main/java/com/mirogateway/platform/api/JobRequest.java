package com.mirogateway.platform.api;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A job to enqueue; built with {@link #builder(String, String)}.
 *
 * @param type the job type
 * @param payloadJson the JSON payload
 * @param idempotencyKey a key making the enqueue idempotent: while a job with the same key exists, enqueueing returns
 *     it instead of adding one (for example {@code webhook:<event-id>})
 * @param runAt the earliest time the job may start; empty for now
 * @param maxAttempts how many attempts before the job is {@code dead}; empty for {@code jobs.max-attempts}
 */
public record JobRequest(
        String type,
        String payloadJson,
        Optional<String> idempotencyKey,
        Optional<Instant> runAt,
        OptionalInt maxAttempts) {

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if the type is blank or longer than 200 characters, the key longer than 200,
     *     or the attempts below 1
     */
    public JobRequest {
        if (type == null || type.isBlank() || type.length() > 200) {
            throw new IllegalArgumentException("A job type has 1-200 characters: " + type);
        }
        if (payloadJson == null) {
            throw new IllegalArgumentException("A job payload is a JSON document, not null");
        }
        if (idempotencyKey.filter(k -> k.isEmpty() || k.length() > 200).isPresent()) {
            throw new IllegalArgumentException("An idempotency key has 1-200 characters");
        }
        if (maxAttempts.isPresent() && maxAttempts.getAsInt() < 1) {
            throw new IllegalArgumentException("A job needs at least one attempt");
        }
    }

    /**
     * Starts a request.
     *
     * @param type the job type
     * @param payloadJson the JSON payload
     * @return a builder
     */
    public static Builder builder(String type, String payloadJson) {
        return new Builder(type, payloadJson);
    }

    /** Builds a {@link JobRequest}. */
    public static final class Builder {
        private final String type;
        private final String payloadJson;
        private String idempotencyKey;
        private Instant runAt;
        private Integer maxAttempts;

        private Builder(String type, String payloadJson) {
            this.type = type;
            this.payloadJson = payloadJson;
        }

        /**
         * Sets the idempotency key.
         *
         * @param key the key
         * @return this builder
         */
        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        /**
         * Delays the job.
         *
         * @param runAt the earliest start
         * @return this builder
         */
        public Builder runAt(Instant runAt) {
            this.runAt = runAt;
            return this;
        }

        /**
         * Overrides {@code jobs.max-attempts} for this job.
         *
         * @param maxAttempts attempts before the job is dead, at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException if a field is out of range
         */
        public JobRequest build() {
            return new JobRequest(
                    type,
                    payloadJson,
                    Optional.ofNullable(idempotencyKey),
                    Optional.ofNullable(runAt),
                    maxAttempts == null ? OptionalInt.empty() : OptionalInt.of(maxAttempts));
        }
    }
}
