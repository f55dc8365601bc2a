package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.host.jobs.HandlerRegistry.Registration;
import com.mirogateway.platform.host.jobs.RunningJob.Cancel;
import com.mirogateway.platform.host.logging.LogContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This gateway's workers: one dispatcher thread claims due jobs in batches (at most {@code jobs.claim-batch} per
 * statement) and runs each on its own virtual thread; at most {@code jobs.concurrency} handlers run at once.
 *
 * <p><b>Claiming ahead.</b> A claim holds its jobs' slots for its round trip, so with slots equal to handlers a worker
 * of quick jobs spends much of its time waiting for the database with nothing running. The dispatcher therefore
 * claims up to {@code ahead} jobs beyond the free handler slots, where {@code ahead} is what its handlers are expected
 * to finish during one claim round trip ({@code concurrency × claim time / handler time}, recent averages, at most
 * {@code concurrency}): quick jobs get up to {@code concurrency} claimed ahead, jobs that take longer than a claim get
 * none, so a job waits for a local slot about one claim round trip at most and other gateways are not starved of
 * slow work. A job claimed ahead is leased (and renewed) like a running one; it waits on its virtual thread for a
 * handler slot, and goes back to the queue unrun, its attempt not spent, if it waited longer than half its lease.
 *
 * <p>The dispatcher sleeps until {@link #wake()} (an enqueue on this gateway, a finished job, a new handler) or the
 * poll interval; when woken while busy it lets finishing jobs free their slots (up to {@value #COOLDOWN_MILLIS} ms,
 * or until half a batch is free) so one claim takes many jobs. Each outcome is written with a fenced statement; when
 * it matches no row the lease was lost and the outcome is dropped, logged. A handler runs inside its owner's gate with
 * the owner's class loader and the enqueuing request's correlation id in {@link LogContext}.
 */
final class JobWorkers {
    private static final System.Logger LOG = System.getLogger(JobWorkers.class.getName());
    /** How long a busy dispatcher lets finishing jobs free their slots before it claims again. */
    private static final long COOLDOWN_MILLIS = 5;

    private final JobRepository repository;
    private final HandlerRegistry handlers;
    private final JobsConfig config;
    private final JobMetrics metrics;
    private final String workerId;
    private final Backoff backoff;
    /** Jobs in hand (claimed, running or waiting for a handler slot): {@code concurrency} plus the most ahead. */
    private final Semaphore slots;
    /** Handler slots, first come first served. */
    private final Semaphore handlerSlots;
    /** Recent averages (nanoseconds, moving by an eighth per sample) of a claim's round trip and a handler's run. */
    private final AtomicLong claimNanos = new AtomicLong();

    private final AtomicLong handlerNanos = new AtomicLong(TimeUnit.SECONDS.toNanos(1));
    private final Semaphore wakeUps = new Semaphore(0);
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final ExecutorService handlerThreads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("job-", 0).factory());
    private final ScheduledExecutorService timers;
    private final AckBatcher acks;
    private volatile boolean claiming;
    private Thread dispatcher;

    JobWorkers(
            JobRepository repository,
            HandlerRegistry handlers,
            JobsConfig config,
            JobMetrics metrics,
            String workerId,
            ScheduledExecutorService timers) {
        this.repository = repository;
        this.handlers = handlers;
        this.config = config;
        this.metrics = metrics;
        this.workerId = workerId;
        this.timers = timers;
        this.backoff = new Backoff(config.backoffBase(), config.backoffCap());
        this.slots = new Semaphore(2 * config.concurrency());
        this.handlerSlots = new Semaphore(config.concurrency(), true);
        this.acks = new AckBatcher(repository, workerId);
    }

    synchronized void start() {
        if (dispatcher == null) {
            claiming = true;
            dispatcher = Thread.ofPlatform().daemon().name("jobs-dispatcher").start(this::dispatch);
        }
    }

    /** Makes an idle dispatcher look for jobs now. Cheap; any thread. */
    void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    Map<String, RunningJob> running() {
        return running;
    }

    /** Whether this worker holds leases: jobs running or claimed ahead. */
    boolean holdsJobs() {
        return slots.availablePermits() < 2 * config.concurrency();
    }

    /** How many jobs to claim beyond the free handler slots now (see the class comment). */
    int ahead() {
        long handler = Math.max(1, handlerNanos.get());
        return (int) Math.min(config.concurrency(), config.concurrency() * claimNanos.get() / handler);
    }

    /** Jobs the next claim may take. */
    private int free() {
        int free = slots.availablePermits() - (config.concurrency() - ahead());
        return Math.max(0, Math.min(free, config.claimBatch()));
    }

    /** The smallest claim worth a round trip while jobs are running: half a batch. */
    private int worthClaiming() {
        return Math.max(1, Math.min(config.claimBatch(), config.concurrency()) / 2);
    }

    private static void average(AtomicLong average, long sample) {
        average.getAndUpdate(a -> a + (sample - a) / 8);
    }

    Backoff backoff() {
        return backoff;
    }

    /**
     * Stops claiming, waits up to {@code grace} for running handlers, then interrupts the rest, which release their
     * jobs (queued again, attempt not spent).
     */
    void stop(Duration grace) {
        claiming = false;
        wake();
        Thread current;
        synchronized (this) {
            current = dispatcher;
        }
        try {
            if (current != null) {
                current.join(Duration.ofSeconds(5));
            }
            // Jobs claimed ahead release themselves as they get a handler slot (claiming is off).
            int all = 2 * config.concurrency();
            if (!slots.tryAcquire(all, grace.toMillis(), TimeUnit.MILLISECONDS)) {
                running.values().forEach(job -> job.cancel(Cancel.SHUTDOWN));
                if (!slots.tryAcquire(all, 5, TimeUnit.SECONDS)) {
                    LOG.log(
                            Level.WARNING,
                            "{0} job handlers ignored the interrupt; their leases will expire",
                            running.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handlerThreads.shutdownNow();
        acks.close();
    }

    private void dispatch() {
        while (claiming) {
            boolean more = false;
            try {
                more = claimOnce();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Claiming jobs failed; trying again after the poll interval", e);
            }
            if (more) {
                continue; // a full batch and slots free again: more may be due right now
            }
            try {
                if (wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    gatherFreeSlots();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Busy: slots free up one by one as jobs finish. Waiting until half a batch is free (each finished job wakes the
     * dispatcher), at most {@value #COOLDOWN_MILLIS} ms, lets one claim take many jobs instead of one statement per
     * finished job (Oban does the same).
     */
    private void gatherFreeSlots() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COOLDOWN_MILLIS);
        while (holdsJobs() && free() < worthClaiming() && claiming) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            var unused = wakeUps.tryAcquire(left, TimeUnit.NANOSECONDS);
        }
        wakeUps.drainPermits();
    }

    /** Claims for the free slots; true if it got all it asked for and half a batch is free again. */
    private boolean claimOnce() {
        int free = free();
        var types = handlers.types();
        if (free == 0 || types.isEmpty() || !claiming) {
            return false;
        }
        slots.acquireUninterruptibly(free);
        List<ClaimedJob> claimed;
        long start = System.nanoTime();
        try {
            claimed = repository.claim(workerId, types, free, config.lease().toMillis());
        } catch (RuntimeException e) {
            slots.release(free);
            throw e;
        }
        average(claimNanos, System.nanoTime() - start);
        slots.release(free - claimed.size());
        for (ClaimedJob job : claimed) {
            handlerThreads.execute(() -> run(job, start));
        }
        return claimed.size() == free && free() >= worthClaiming();
    }

    private void run(ClaimedJob job, long claimedAtNanos) {
        try {
            handlerSlots.acquireUninterruptibly();
            try {
                runInSlot(job, System.nanoTime() - claimedAtNanos);
            } finally {
                handlerSlots.release();
            }
        } finally {
            slots.release();
            wake();
        }
    }

    private void runInSlot(ClaimedJob job, long waitedNanos) {
        if (!claiming) {
            release(job, "gateway shutting down"); // claimed ahead, never started
            return;
        }
        if (waitedNanos > config.lease().toNanos() / 2) {
            // Claimed ahead but the handlers slowed down: let any worker have it, and never start a job whose lease
            // may have run out meanwhile (renewals failing); the release is fenced like every outcome.
            release(job, "waited for a handler slot longer than half its lease");
            return;
        }
        metrics.started(job.type(), job.startedAtMillis() - job.runAtMillis());
        Registration registration = handlers.find(job.type()).orElse(null);
        if (registration == null || !registration.owner().enter()) {
            release(job, "no started handler");
            return;
        }
        boolean exitHandedOver = false;
        try {
            exitHandedOver = runEntered(job, registration);
        } finally {
            if (!exitHandedOver) {
                registration.owner().exit();
            }
        }
    }

    /**
     * Runs an entered job and records its outcome.
     *
     * @return whether the owner is left by the success's batched write rather than by the caller: a plugin being
     *     drained waits until its jobs' outcomes are recorded
     */
    private boolean runEntered(ClaimedJob job, Registration registration) {
        RunningJob runningJob = new RunningJob(job, Thread.currentThread());
        running.put(job.id(), runningJob);
        ScheduledFuture<?> timeout = timers.schedule(
                () -> runningJob.cancel(Cancel.TIMEOUT), config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        job.correlationId().ifPresent(LogContext::set);
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            registration.owner().run(() -> {
                registration.handler().run(job.toJob());
                return null;
            });
        } catch (Exception | LinkageError | AssertionError e) {
            failure = e;
        } finally {
            timeout.cancel(false);
            running.remove(job.id());
            Thread.interrupted(); // a late cancel must not leak into the outcome's statements
        }
        try {
            long took = System.nanoTime() - start;
            average(handlerNanos, took);
            metrics.finished(job.type(), took);
            return record(job, runningJob.cancelled(), failure, registration.owner());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Job " + job.id() + ": recording its outcome failed; its lease will expire", e);
            return false;
        } finally {
            LogContext.clear();
        }
    }

    /** Records the outcome; returns whether {@code owner} is left once the batched success is written. */
    private boolean record(ClaimedJob job, Cancel cancel, Throwable failure, JobOwner owner) {
        Optional<PutOff> putOff = cancel == null ? PutOff.of(failure) : Optional.empty();
        switch (Outcome.of(failure, cancel, job.attempt(), job.maxAttempts(), job.snoozes(), config.maxSnoozes())) {
            case SUCCEED -> {
                metrics.attempt(job.type(), "succeeded");
                acks.succeeded(job, owner::exit);
                return true;
            }
            case SNOOZE -> snooze(job, putOff.orElseThrow());
            case RELEASE -> release(job, "gateway shutting down");
            case DROP -> lostLease(job);
            case RETRY -> fail(job, error(cancel, failure, putOff), false, putOff);
            case BURY -> fail(job, error(cancel, failure, putOff), true, putOff);
        }
        return false;
    }

    private String error(Cancel cancel, Throwable failure, Optional<PutOff> putOff) {
        if (cancel == Cancel.TIMEOUT) {
            return "timed out after " + config.timeout();
        }
        return putOff.map(p -> "put off more than " + config.maxSnoozes() + " times: " + p.reason())
                .orElseGet(() -> message(failure));
    }

    private void snooze(ClaimedJob job, PutOff putOff) {
        metrics.attempt(job.type(), "snoozed");
        String reason = "put off until " + putOff.until() + ": " + putOff.reason();
        if (!repository.snooze(job, workerId, putOff.until().toEpochMilli(), reason)) {
            lostLease(job);
            return;
        }
        LOG.log(Level.DEBUG, "Job {0} type={1} {2}", job.id(), job.type(), reason);
    }

    /**
     * Records a failed attempt and logs it once: job, type, attempt, next run (the correlation id is in context). A
     * put-off that counts as a failure (past {@code jobs.max-snoozes}) is not retried before its time either.
     */
    private void fail(ClaimedJob job, String error, boolean dead, Optional<PutOff> putOff) {
        long backoffMillis =
                backoff.delay(job.attempt(), ThreadLocalRandom.current()).toMillis();
        long putOffMillis = putOff.map(p -> p.until().toEpochMilli() - System.currentTimeMillis())
                .orElse(0L);
        long delay = dead ? 0 : Math.max(backoffMillis, putOffMillis);
        metrics.attempt(job.type(), dead ? "dead" : "failed");
        if (!repository.fail(job, workerId, error, dead, delay)) {
            lostLease(job);
            return;
        }
        logFailure(job, error, dead, delay);
    }

    static void logFailure(ClaimedJob job, String error, boolean dead, long delayMillis) {
        String next = dead
                ? "none, job is dead"
                : Instant.now().plusMillis(delayMillis).toString();
        LOG.log(
                Level.WARNING,
                "Job {0} type={1} attempt={2}/{3} failed: {4}; next run: {5}",
                job.id(),
                job.type(),
                job.attempt(),
                job.maxAttempts(),
                error,
                next);
    }

    private void release(ClaimedJob job, String why) {
        metrics.attempt(job.type(), "released");
        if (!repository.release(job, workerId)) {
            lostLease(job);
        } else {
            LOG.log(Level.DEBUG, "Job {0} released: {1}", job.id(), why);
        }
    }

    private void lostLease(ClaimedJob job) {
        LOG.log(
                Level.WARNING,
                "Job {0} ({1}) attempt {2}: lease lost to another worker, outcome dropped",
                job.id(),
                job.type(),
                job.attempt());
    }

    /** A client-safe failure text: the message (or the exception's simple name), at most 1,000 characters. */
    static String message(Throwable failure) {
        String message = failure.getMessage();
        String text = message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
