package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.api.JobHandler;
import com.mirogateway.platform.api.JobRequest;
import com.mirogateway.platform.host.jobs.HandlerRegistry.Registration;
import com.mirogateway.platform.host.logging.LogContext;
import com.mirogateway.platform.host.plugins.PluginCalls;
import com.mirogateway.platform.host.plugins.PluginFacilities.PluginJobs;
import com.mirogateway.platform.host.store.HostStore;
import io.helidon.dbclient.DbExecute;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The durable job queue of one gateway: enqueue, handler registration, workers, lease housekeeping and the reads and
 * changes behind the ops endpoints.
 *
 * <p>Created with {@link #create(HostStore, JobsConfig)}; {@link #start()} starts claiming (handlers registered before
 * or after); {@link #close()} stops claiming, gives running jobs {@code jobs.shutdown-grace}, then releases what is
 * left. Several queues (gateways) may share one PostgreSQL database. Thread-safe.
 */
public final class JobQueue implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JobQueue.class.getName());

    private final JobsConfig config;
    private final HostStore store;
    private final JobRepository repository;
    private final HandlerRegistry handlers = new HandlerRegistry();
    private final ScheduledExecutorService timers;
    private final JobWorkers workers;
    private final LeaseKeeper leases;
    private final String workerId;
    private final Consumer<DbExecute> announce;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private JobQueue(HostStore store, JobsConfig config, Consumer<DbExecute> announce) {
        this.config = config;
        this.announce = announce;
        this.store = store;
        this.repository = new JobRepository(store);
        this.workerId = newWorkerId();
        this.timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("jobs-timer").factory());
        JobMetrics metrics = new JobMetrics();
        this.workers = new JobWorkers(repository, handlers, config, metrics, workerId, timers);
        this.leases = new LeaseKeeper(repository, workers, config, metrics, workerId, timers);
    }

    /**
     * Creates a queue over the store's {@code gateway_jobs} table; nothing runs until {@link #start()}.
     *
     * @param store the open store (its host migrations applied)
     * @param config the {@code jobs} configuration
     * @return the queue
     */
    public static JobQueue create(HostStore store, JobsConfig config) {
        return new JobQueue(store, config, tx -> {});
    }

    /**
     * Creates a queue that also tells other gateways sharing the store of each enqueue.
     *
     * @param store the open store (its host migrations applied)
     * @param config the {@code jobs} configuration
     * @param announce called with the enqueue's transaction (or an autocommit executor) after each enqueue, such as
     *     the cluster channel's wake-up of the other instances' workers
     * @return the queue
     */
    public static JobQueue create(HostStore store, JobsConfig config, Consumer<DbExecute> announce) {
        return new JobQueue(store, config, announce);
    }

    /** Starts the dispatcher and the lease housekeeping. */
    public void start() {
        workers.start();
        leases.start();
        LOG.log(Level.INFO, "Job workers started as {0} (concurrency {1})", workerId, config.concurrency());
    }

    /**
     * Enqueues a job, remembering the current thread's correlation id, and wakes this gateway's dispatcher.
     *
     * @param request the job
     * @return its id, or the id of the job already holding its idempotency key
     */
    public String enqueue(JobRequest request) {
        String id = repository.enqueue(request, config.maxAttempts(), LogContext.correlationId());
        workers.wake();
        announceQuietly();
        return id;
    }

    /**
     * Enqueues a job inside the caller's open transaction; idle workers are woken when it commits.
     *
     * @param transaction the transaction, from {@link HostStore#transaction}
     * @param request the job
     * @return the job's id, or the id of the job holding the same idempotency key
     */
    public String enqueue(DbExecute transaction, JobRequest request) {
        String id = repository.enqueue(transaction, request, config.maxAttempts(), LogContext.correlationId());
        store.afterCommit(workers::wake);
        announce.accept(transaction);
        return id;
    }

    /**
     * Enqueues a job with the defaults (due now, {@code jobs.max-attempts}, no idempotency key).
     *
     * @param type the job type
     * @param payloadJson the JSON payload
     * @return the job's id
     */
    public String enqueue(String type, String payloadJson) {
        return enqueue(JobRequest.builder(type, payloadJson).build());
    }

    /**
     * Registers handlers of an owner that is not a plugin (tests, benchmarks, host features).
     *
     * @param owner who runs them
     * @param byType the handlers by job type
     * @return a handle whose {@code close()} withdraws them
     * @throws IllegalStateException if another owner handles one of the types
     */
    public AutoCloseable register(JobOwner owner, Map<String, JobHandler> byType) {
        List<Registration> registrations = new ArrayList<>();
        byType.forEach((type, handler) -> registrations.add(new Registration(type, owner, handler)));
        publish(registrations);
        return () -> handlers.withdraw(registrations);
    }

    /**
     * The job-queue view of one start of a plugin.
     *
     * @param plugin the plugin
     * @return its view
     */
    public PluginJobs forPlugin(PluginCalls plugin) {
        return new PluginJobsView(this, new PluginOwner(plugin));
    }

    /** Wakes this gateway's idle workers, such as when another gateway enqueued a job. */
    public void wake() {
        workers.wake();
    }

    private void announceQuietly() {
        try {
            announce.accept(store.db().execute());
        } catch (RuntimeException e) { // the job is stored: other gateways find it at their next poll
            LOG.log(Level.WARNING, "Could not wake other gateways' workers: " + e.getMessage());
        }
    }

    void publish(List<Registration> registrations) {
        handlers.publish(registrations);
        workers.wake();
    }

    void withdraw(List<Registration> registrations) {
        handlers.withdraw(registrations);
    }

    /**
     * One job's status.
     *
     * @param id the job id
     * @return the job, or empty if there is none with that id
     */
    public Optional<JobView> find(String id) {
        return repository.find(id);
    }

    /**
     * A page of jobs in enqueue order.
     *
     * @param state only jobs in this state, if given
     * @param type only jobs of this type, if given
     * @param limit most jobs on the page
     * @param cursor the cursor of the previous page, if any
     * @return the page; its cursor is empty on the last page
     */
    public JobPage page(Optional<JobState> state, Optional<String> type, int limit, Optional<String> cursor) {
        Optional<JobCursor> after = cursor.map(c -> JobCursor.decode(c)
                .orElseThrow(() -> new IllegalArgumentException("cursor is not one this gateway returned")));
        List<JobView> rows = repository.page(state, type, limit + 1, after);
        if (rows.size() <= limit) {
            return new JobPage(rows, Optional.empty());
        }
        List<JobView> page = rows.subList(0, limit);
        JobView last = page.get(limit - 1);
        return new JobPage(page, Optional.of(new JobCursor(last.createdAt().toEpochMilli(), last.id()).encode()));
    }

    /**
     * Queues a dead or failed job again now, with its attempts reset.
     *
     * @param id the job id
     * @return false if no such job is dead or failed
     */
    public boolean retry(String id) {
        boolean retried = repository.retry(id);
        if (retried) {
            workers.wake();
        }
        return retried;
    }

    /**
     * Deletes a job that is not running.
     *
     * @param id the job id
     * @return false if there is no such job or it is running
     */
    public boolean delete(String id) {
        return repository.delete(id);
    }

    /**
     * Queues every dead or failed job matching the filter again now, with attempts reset, in one statement.
     *
     * @param state {@link JobState#DEAD} or {@link JobState#FAILED}
     * @param type only jobs of this type, if given
     * @return how many jobs were queued
     * @throws IllegalArgumentException if {@code state} is neither dead nor failed
     */
    public long retryAll(JobState state, Optional<String> type) {
        if (state != JobState.DEAD && state != JobState.FAILED) {
            throw new IllegalArgumentException("only dead or failed jobs can be retried");
        }
        long retried = repository.retryAll(state, type);
        if (retried > 0) {
            workers.wake();
        }
        return retried;
    }

    /**
     * Deletes every job matching the filter in one statement.
     *
     * @param state the jobs' state; not {@link JobState#RUNNING}
     * @param type only jobs of this type, if given
     * @return how many jobs were deleted
     * @throws IllegalArgumentException if {@code state} is running
     */
    public long deleteAll(JobState state, Optional<String> type) {
        if (state == JobState.RUNNING) {
            throw new IllegalArgumentException("running jobs cannot be deleted");
        }
        return repository.deleteAll(state, type);
    }

    /**
     * Job counts by type and state, for the ops console.
     *
     * @return type → state → count, states without jobs left out
     */
    public Map<String, Map<JobState, Long>> counts() {
        Map<String, Map<JobState, Long>> counts = new TreeMap<>();
        for (JobRepository.Count count : repository.counts()) {
            JobState.parse(count.state())
                    .ifPresent(state -> counts.computeIfAbsent(count.type(), t -> new EnumMap<>(JobState.class))
                            .merge(state, count.count(), Long::sum));
        }
        return counts;
    }

    /** Runs the reaper, pruning and gauge refresh now (tests; it also runs on its own timer). */
    public void housekeepingNow() {
        leases.housekeeping();
    }

    /**
     * This gateway's worker id, the lease owner of the jobs it runs.
     *
     * @return the id
     */
    public String workerId() {
        return workerId;
    }

    /** Stops claiming, lets running jobs finish within the grace period, releases the rest. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        workers.stop(config.shutdownGrace());
        timers.shutdownNow();
        LOG.log(Level.INFO, "Job workers {0} stopped", workerId);
    }

    private static String newWorkerId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "gateway");
        String id = host + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        return id.length() > 64 ? id.substring(id.length() - 64) : id;
    }
}
