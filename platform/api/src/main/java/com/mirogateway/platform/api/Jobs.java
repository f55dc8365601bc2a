package com.mirogateway.platform.api;

import io.helidon.dbclient.DbExecute;

/**
 * The durable job queue: a plugin registers handlers for its job types and enqueues jobs for any type.
 *
 * <p>Delivery is at least once: a job whose worker dies runs again after its lease expires, so handlers must be
 * idempotent. Jobs of a type that no started plugin handles wait (they are never failed for it) until a plugin
 * handling the type starts, on this gateway or another one sharing the database. Implementations are thread-safe.
 */
public interface Jobs {

    /**
     * Registers the handler of a job type. Only accepted while {@link GatewayPlugin#start(PluginContext)} runs; the
     * handler receives jobs once {@code start} returns and is withdrawn when the plugin stops (its running jobs finish
     * first, as in-flight requests do).
     *
     * <p>The host calls the handler on a virtual thread with the plugin's class loader as context class loader and the
     * enqueuing request's correlation id in every log line. Returning normally completes the job ({@code succeeded});
     * throwing {@link PermanentJobFailureException} makes it {@code dead} at once; throwing
     * {@link RetryLaterException}, or any {@link TransientFailure} with a time (itself or as a cause: the Miro
     * client's exceptions when Miro's rate budget is spent, its circuit is open or it answered 503 with
     * {@code Retry-After}), runs it again at that time without spending an attempt, at most {@code jobs.max-snoozes}
     * times; any other exception (or exceeding
     * {@code jobs.timeout}, which interrupts the handler) fails the attempt, retried after an exponential backoff
     * until the job's attempts are spent, then {@code dead}.
     *
     * @param type the job type, such as {@code board-sync.sync-board}; 1–200 characters
     * @param handler the handler
     * @throws IllegalArgumentException if the type is malformed or this plugin already registered it
     * @throws IllegalStateException if called after {@code start} returned, or another started plugin handles the type
     *     (then the plugin fails to start)
     */
    void handle(String type, JobHandler handler);

    /**
     * Enqueues a job that runs as soon as a worker is free.
     *
     * @param type the job type
     * @param payloadJson the job's input, a JSON document (not parsed by the host)
     * @return the new job's id
     * @throws StoreException if the job could not be stored
     */
    default String enqueue(String type, String payloadJson) {
        return enqueue(JobRequest.builder(type, payloadJson).build());
    }

    /**
     * Enqueues a job. The correlation id of the current request (or job) is stored with it and shows in the logs of
     * its attempts. When the request has an idempotency key that an existing job already has, nothing is enqueued and
     * that job's id is returned.
     *
     * @param request what to run, when, and how often to try
     * @return the id of the new job, or of the existing job with the same idempotency key
     * @throws StoreException if the job could not be stored
     */
    String enqueue(JobRequest request);

    /**
     * Enqueues a job as part of the caller's {@link Store#transaction(java.util.function.Function) store transaction}:
     * the job is stored if and only if that transaction commits, so a record and the job that processes it never exist
     * one without the other (the transactional outbox). Idle workers are woken once the transaction commits. Otherwise
     * as {@link #enqueue(JobRequest)}.
     *
     * @param transaction the open transaction, as handed to the work of {@code Store.transaction}
     * @param request what to run, when, and how often to try
     * @return the id of the new job, or of the existing job with the same idempotency key
     * @throws StoreException if the job could not be stored (the caller's transaction then rolls back when the
     *     exception leaves it)
     */
    String enqueue(DbExecute transaction, JobRequest request);
}
