package com.mirogateway.platform.api;

import java.util.Optional;

/**
 * One attempt of a job, as its handler sees it.
 *
 * @param id the job's id, stable across attempts
 * @param type the job type
 * @param payloadJson the JSON payload given at enqueue
 * @param attempt this attempt's number, from 1
 * @param maxAttempts the attempt after which a failure makes the job {@code dead}
 * @param correlationId the correlation id of the request that enqueued the job, if there was one
 */
public record Job(
        String id, String type, String payloadJson, int attempt, int maxAttempts, Optional<String> correlationId) {}
