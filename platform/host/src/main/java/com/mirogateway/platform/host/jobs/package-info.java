/**
 * The durable job queue: a table in the store, claimed in batches by workers on virtual threads, with leases renewed
 * while handlers run, fenced state changes, retries with backoff, dead letters, and the ops endpoints over it.
 *
 * <p>{@link com.mirogateway.platform.host.jobs.JobQueue} is the entry point; plugins see it through
 * {@link com.mirogateway.platform.api.Jobs}.
 */
package com.mirogateway.platform.host.jobs;
