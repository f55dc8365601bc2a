package com.mirogateway.platform.host.jobs;

import io.helidon.config.Config;
import java.time.Duration;

/**
 * The {@code jobs} section; every field is documented with its default in {@code conf/application.yaml}.
 *
 * @param concurrency most handlers running at once in this gateway
 * @param claimBatch most jobs one claim statement takes
 * @param pollInterval how often an idle worker looks for due jobs (enqueues on this gateway wake it at once)
 * @param lease how long a claimed job belongs to its worker without renewal
 * @param renewInterval how often running jobs' leases are renewed (one statement for all of them)
 * @param reapInterval how often expired leases are looked for (with ±20 % jitter)
 * @param timeout longest a handler may run; it is then interrupted and the attempt fails
 * @param maxAttempts default attempts before a job is dead
 * @param backoffBase the delay before the first retry (before jitter)
 * @param backoffCap the longest delay between two attempts
 * @param maxSnoozes how often a job may be put off ({@code TransientFailure}) before that counts as a failure
 * @param shutdownGrace how long running jobs may finish on shutdown before they are interrupted and released
 * @param succeededRetention how long succeeded jobs stay visible before they are deleted
 */
public record JobsConfig(
        int concurrency,
        int claimBatch,
        Duration pollInterval,
        Duration lease,
        Duration renewInterval,
        Duration reapInterval,
        Duration timeout,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffCap,
        int maxSnoozes,
        Duration shutdownGrace,
        Duration succeededRetention) {

    /**
     * Reads the section.
     *
     * @param jobs the {@code jobs} node
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range
     */
    public static JobsConfig from(Config jobs) {
        Duration lease = duration(jobs, "lease", Duration.ofSeconds(30));
        JobsConfig config = new JobsConfig(
                jobs.get("concurrency").asInt().orElse(16),
                jobs.get("claim-batch").asInt().orElse(50),
                duration(jobs, "poll-interval", Duration.ofSeconds(1)),
                lease,
                duration(jobs, "renew-interval", lease.dividedBy(3)),
                duration(jobs, "reap-interval", Duration.ofSeconds(10)),
                duration(jobs, "timeout", Duration.ofMinutes(5)),
                jobs.get("max-attempts").asInt().orElse(12),
                duration(jobs, "backoff-base", Duration.ofSeconds(10)),
                duration(jobs, "backoff-cap", Duration.ofHours(1)),
                jobs.get("max-snoozes").asInt().orElse(100),
                duration(jobs, "shutdown-grace", Duration.ofSeconds(15)),
                duration(jobs, "succeeded-retention", Duration.ofDays(1)));
        if (config.concurrency < 1 || config.claimBatch < 1 || config.maxAttempts < 1) {
            throw new IllegalArgumentException("jobs.concurrency, jobs.claim-batch and jobs.max-attempts must be >= 1");
        }
        if (config.renewInterval.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("jobs.renew-interval must be shorter than jobs.lease");
        }
        return config;
    }

    /** The defaults, as if the section were empty. */
    public static JobsConfig defaults() {
        return from(Config.empty());
    }

    private static Duration duration(Config jobs, String key, Duration fallback) {
        return jobs.get(key).as(Duration.class).orElse(fallback);
    }
}
