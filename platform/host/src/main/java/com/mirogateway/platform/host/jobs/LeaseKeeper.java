package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.host.jobs.RunningJob.Cancel;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The queue's housekeeping on a timer thread: renews the leases of this gateway's running jobs (one statement for all),
 * interrupts them when renewal has failed for 1.5 leases (another worker may already have taken them over), takes back
 * jobs whose lease expired anywhere (their worker died), deletes old succeeded jobs, and refreshes the state gauges.
 *
 * <p>The reaper moves an expired job to {@code failed} with the usual backoff, or to {@code dead} when it was at its
 * last attempt; it touches any type, since giving a job back to the queue is harmless even where nobody handles it.
 */
final class LeaseKeeper {
    private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());
    private static final int REAP_BATCH = 500;
    private static final long ANALYZE_FROM = 1_000;

    private final JobRepository repository;
    private final JobWorkers workers;
    private final JobsConfig config;
    private final JobMetrics metrics;
    private final String workerId;
    private final ScheduledExecutorService timers;
    private volatile long lastRenewal = System.nanoTime();
    /** Waiting jobs when the statistics were last refreshed (housekeeping runs on one thread at a time). */
    private long waitingAtLastAnalyze;

    LeaseKeeper(
            JobRepository repository,
            JobWorkers workers,
            JobsConfig config,
            JobMetrics metrics,
            String workerId,
            ScheduledExecutorService timers) {
        this.repository = repository;
        this.workers = workers;
        this.config = config;
        this.metrics = metrics;
        this.workerId = workerId;
        this.timers = timers;
    }

    void start() {
        long renew = config.renewInterval().toMillis();
        var unused = timers.scheduleWithFixedDelay(this::renew, renew, renew, TimeUnit.MILLISECONDS);
        scheduleHousekeeping(0);
    }

    private void scheduleHousekeeping(long delayMillis) {
        if (timers.isShutdown()) {
            return;
        }
        var unused = timers.schedule(
                () -> {
                    housekeeping();
                    long base = config.reapInterval().toMillis();
                    scheduleHousekeeping(
                            base * 8 / 10 + ThreadLocalRandom.current().nextLong(base * 4 / 10 + 1));
                },
                delayMillis,
                TimeUnit.MILLISECONDS);
    }

    void renew() {
        if (!workers.holdsJobs()) {
            lastRenewal = System.nanoTime();
            return;
        }
        try {
            repository.renew(workerId, config.lease().toMillis());
            lastRenewal = System.nanoTime();
        } catch (RuntimeException e) {
            metrics.renewalFailed();
            long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRenewal);
            LOG.log(Level.WARNING, "Renewing job leases failed ({0} ms since the last renewal)", silentMillis);
            if (silentMillis > config.lease().toMillis() * 3 / 2) {
                LOG.log(
                        Level.ERROR,
                        "Job leases could not be renewed for 1.5 leases; interrupting {0} handlers",
                        workers.running().size());
                workers.running().values().forEach(job -> job.cancel(Cancel.LEASE_LOST));
            }
        }
    }

    void housekeeping() {
        try {
            reap();
            repository.prune(config.succeededRetention().toMillis());
            refreshGauges();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Job housekeeping failed; trying again later", e);
        }
    }

    void reap() {
        for (ClaimedJob job : repository.expired(REAP_BATCH)) {
            boolean dead = job.attempt() >= job.maxAttempts();
            long delay = dead
                    ? 0
                    : workers.backoff()
                            .delay(job.attempt(), ThreadLocalRandom.current())
                            .toMillis();
            if (repository.reap(job, dead, delay)) {
                metrics.reaped();
                job.correlationId().ifPresent(com.mirogateway.platform.host.logging.LogContext::set);
                try {
                    JobWorkers.logFailure(job, "lease expired: the worker stopped renewing it", dead, delay);
                } finally {
                    com.mirogateway.platform.host.logging.LogContext.clear();
                }
            }
        }
    }

    void refreshGauges() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobRepository.Count count : repository.counts()) {
            JobState.parse(count.state()).ifPresent(state -> counts.merge(state, count.count(), Long::sum));
        }
        metrics.states(counts);
        analyzeAfterABurst(counts.getOrDefault(JobState.QUEUED, 0L) + counts.getOrDefault(JobState.FAILED, 0L));
    }

    /**
     * Has the database's statistics refreshed when the waiting jobs grew past {@value #ANALYZE_FROM} and to more than
     * twice what they were at the last refresh (a burst autovacuum has not seen yet); once the backlog shrinks, the
     * next burst triggers it again.
     */
    private void analyzeAfterABurst(long waiting) {
        if (waiting >= ANALYZE_FROM && waiting > 2 * waitingAtLastAnalyze) {
            repository.analyze();
            waitingAtLastAnalyze = waiting;
        } else if (waiting < waitingAtLastAnalyze / 4) {
            waitingAtLastAnalyze = waiting;
        }
    }
}
