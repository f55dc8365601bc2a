package com.mirogateway.platform.host.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.api.Job;
import com.mirogateway.platform.api.JobHandler;
import com.mirogateway.platform.api.JobRequest;
import com.mirogateway.platform.api.PermanentJobFailureException;
import com.mirogateway.platform.api.RetryLaterException;
import com.mirogateway.platform.host.logging.LogContext;
import com.mirogateway.platform.host.store.Databases;
import com.mirogateway.platform.host.store.HostStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The job queue's contract, run against each database by a subclass. Every test uses its own job types, so tests
 * share one database per class without seeing each other's jobs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueueContractTest {
    static final JobsConfig FAST = new JobsConfig(
            8,
            10,
            Duration.ofMillis(300),
            Duration.ofSeconds(2),
            Duration.ofMillis(400),
            Duration.ofMillis(300),
            Duration.ofSeconds(10),
            3,
            Duration.ofMillis(200),
            Duration.ofMillis(800),
            2,
            Duration.ofSeconds(2),
            Duration.ofDays(1));

    /** FAST with a lease no loaded CI machine outlasts, for tests that count runs rather than test leases. */
    static final JobsConfig STEADY = new JobsConfig(
            FAST.concurrency(),
            FAST.claimBatch(),
            FAST.pollInterval(),
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            FAST.reapInterval(),
            Duration.ofSeconds(60),
            FAST.maxAttempts(),
            FAST.backoffBase(),
            FAST.backoffCap(),
            FAST.maxSnoozes(),
            FAST.shutdownGrace(),
            FAST.succeededRetention());

    /** FAST with a 30 s poll: a job that runs at once was started by a wake-up, not by the poll. */
    static final JobsConfig SLOW_POLL = new JobsConfig(
            FAST.concurrency(),
            FAST.claimBatch(),
            Duration.ofSeconds(30),
            FAST.lease(),
            FAST.renewInterval(),
            FAST.reapInterval(),
            FAST.timeout(),
            FAST.maxAttempts(),
            FAST.backoffBase(),
            FAST.backoffCap(),
            FAST.maxSnoozes(),
            FAST.shutdownGrace(),
            FAST.succeededRetention());

    private Databases.TestDatabase database;
    HostStore store;
    private final List<JobQueue> queues = new ArrayList<>();
    String type;

    abstract Databases.TestDatabase createDatabase();

    @BeforeAll
    void open() {
        database = createDatabase();
        store = HostStore.open(database.config());
    }

    @AfterAll
    void close() {
        store.close();
        database.close();
    }

    @BeforeEach
    void newType() {
        type = "test." + UUID.randomUUID();
    }

    @AfterEach
    void closeQueues() {
        queues.forEach(JobQueue::close);
        queues.clear();
    }

    JobQueue queue(JobsConfig config) {
        JobQueue queue = JobQueue.create(store, config);
        queues.add(queue);
        queue.start();
        return queue;
    }

    static void handle(JobQueue queue, String type, JobHandler handler) {
        var unused = queue.register(JobOwner.host("test"), Map.of(type, handler));
    }

    JobView job(JobQueue queue, String id) {
        return queue.find(id).orElseThrow();
    }

    @Test
    void enqueuedJobRunsOnceWithItsPayloadAndCorrelationId() {
        JobQueue queue = queue(STEADY);
        List<Job> seen = new CopyOnWriteArrayList<>();
        List<Optional<String>> logIds = new CopyOnWriteArrayList<>();
        handle(queue, type, job -> {
            seen.add(job);
            logIds.add(LogContext.correlationId());
        });
        LogContext.set("req-42");
        String id;
        try {
            id = queue.enqueue(JobRequest.builder(type, "{\"board\":\"b1\"}").build());
        } finally {
            LogContext.clear();
        }
        await().until(() -> job(queue, id).state() == JobState.SUCCEEDED);
        assertThat(seen).singleElement().satisfies(job -> {
            assertThat(job.id()).isEqualTo(id);
            assertThat(job.payloadJson()).isEqualTo("{\"board\":\"b1\"}");
            assertThat(job.attempt()).isEqualTo(1);
            assertThat(job.correlationId()).contains("req-42");
        });
        assertThat(logIds).containsExactly(Optional.of("req-42"));
        JobView view = job(queue, id);
        assertThat(view.attempts()).isEqualTo(1);
        assertThat(view.startedAt()).isPresent();
        assertThat(view.finishedAt()).isPresent();
    }

    @Test
    void duplicateIdempotencyKeyReturnsTheExistingJob() {
        JobQueue queue = queue(FAST);
        String key = "sync:" + UUID.randomUUID();
        String first =
                queue.enqueue(JobRequest.builder(type, "{}").idempotencyKey(key).build());
        String second = queue.enqueue(
                JobRequest.builder(type, "{\"other\":1}").idempotencyKey(key).build());
        assertThat(second).isEqualTo(first);
        assertThat(queue.page(Optional.empty(), Optional.of(type), 10, Optional.empty())
                        .jobs())
                .hasSize(1);
    }

    @Test
    void throwingHandlerIsRetriedWithGrowingBackoffThenDead() {
        JobQueue queue = queue(FAST);
        List<Long> starts = new CopyOnWriteArrayList<>();
        handle(queue, type, job -> {
            starts.add(System.nanoTime());
            throw new IllegalStateException("Miro said 500 on attempt " + job.attempt());
        });
        String id = queue.enqueue(type, "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> job(queue, id).state() == JobState.DEAD);
        JobView dead = job(queue, id);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).contains("Miro said 500 on attempt 3");
        assertThat(starts).hasSize(3);
        // equal jitter: the wait after failure n is within [d/2, d] of d = 200 ms × 2^(n-1), plus polling slack
        long firstGap = TimeUnit.NANOSECONDS.toMillis(starts.get(1) - starts.get(0));
        long secondGap = TimeUnit.NANOSECONDS.toMillis(starts.get(2) - starts.get(1));
        assertThat(firstGap).isBetween(100L, 200L + 1_000L);
        assertThat(secondGap).isBetween(200L, 400L + 1_000L);
    }

    @Test
    void deadJobCanBeRetriedAndThenSucceeds() {
        JobQueue queue = queue(FAST);
        AtomicInteger calls = new AtomicInteger();
        handle(queue, type, job -> {
            if (calls.incrementAndGet() == 1) {
                throw new PermanentJobFailureException("board was deleted", null);
            }
        });
        String id = queue.enqueue(type, "{}");
        await().until(() -> job(queue, id).state() == JobState.DEAD);
        assertThat(job(queue, id).attempts()).as("permanent: no retries").isEqualTo(1);
        assertThat(job(queue, id).lastError()).contains("board was deleted");
        assertThat(queue.page(Optional.of(JobState.DEAD), Optional.of(type), 10, Optional.empty())
                        .jobs())
                .extracting(JobView::id)
                .containsExactly(id);

        assertThat(queue.retry(id)).isTrue();
        await().until(() -> job(queue, id).state() == JobState.SUCCEEDED);
        assertThat(queue.retry(id)).as("only dead or failed jobs are retried").isFalse();
        assertThat(queue.delete(id)).isTrue();
        assertThat(queue.find(id)).isEmpty();
    }

    @Test
    void retryLaterPutsTheJobOffWithoutSpendingAnAttempt() {
        JobQueue queue = queue(FAST);
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        handle(queue, type, job -> {
            attempts.add(job.attempt());
            if (attempts.size() == 1) {
                throw new RetryLaterException(Instant.now().plusMillis(300), "rate budget exhausted");
            }
        });
        String id = queue.enqueue(type, "{}");
        await().until(() -> job(queue, id).state() == JobState.SUCCEEDED);
        assertThat(attempts).containsExactly(1, 1);
    }

    @Test
    void handlerHangingPastItsTimeoutIsInterruptedAndRetried() {
        JobsConfig shortTimeout = new JobsConfig(
                8,
                10,
                Duration.ofMillis(300),
                Duration.ofSeconds(2),
                Duration.ofMillis(400),
                Duration.ofMillis(300),
                Duration.ofMillis(500),
                3,
                Duration.ofMillis(100),
                Duration.ofMillis(200),
                2,
                Duration.ofSeconds(2),
                Duration.ofDays(1));
        JobQueue queue = queue(shortTimeout);
        List<Integer> interrupted = new CopyOnWriteArrayList<>();
        handle(queue, type, job -> {
            if (job.attempt() == 1) {
                try {
                    new CountDownLatch(1).await(); // hangs until interrupted
                } catch (InterruptedException e) {
                    interrupted.add(job.attempt());
                    throw e;
                }
            }
        });
        String id = queue.enqueue(type, "{}");
        await().until(() -> job(queue, id).state() == JobState.SUCCEEDED);
        assertThat(interrupted).containsExactly(1);
        assertThat(job(queue, id).attempts()).isEqualTo(2);
        assertThat(job(queue, id).lastError())
                .hasValueSatisfying(e -> assertThat(e).contains("timed out"));
    }

    @Test
    void workerThatLostItsLeaseCannotOverwriteTheTakeover() throws Exception {
        JobQueue stale = queue(FAST);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch staleRunning = new CountDownLatch(1);
        CountDownLatch staleDone = new CountDownLatch(1);
        AutoCloseable staleHandler = stale.register(JobOwner.host("stale"), Map.of(type, job -> {
            staleRunning.countDown();
            try {
                release.await(); // runs until the test lets it finish
            } finally {
                staleDone.countDown();
            }
        }));
        String id = stale.enqueue(type, "{}");
        assertThat(staleRunning.await(10, TimeUnit.SECONDS)).isTrue();
        staleHandler.close(); // it will not claim the job again

        // The stale worker stalls: its lease expires without renewal (another owner name keeps its renewals off).
        store.db()
                .execute()
                .update("UPDATE gateway_jobs SET lease_owner = 'stalled', lease_expires_at = 0 WHERE id = ?", id);
        JobQueue takeover = queue(FAST);
        takeover.housekeepingNow();
        assertThat(job(takeover, id).state()).isEqualTo(JobState.FAILED);
        assertThat(job(takeover, id).lastError())
                .hasValueSatisfying(e -> assertThat(e).contains("lease expired"));
        AtomicInteger takeoverRuns = new AtomicInteger();
        handle(takeover, type, job -> takeoverRuns.incrementAndGet());
        await().until(() -> job(takeover, id).state() == JobState.SUCCEEDED);

        release.countDown(); // the stale handler finishes and tries to record success for attempt 1
        assertThat(staleDone.await(10, TimeUnit.SECONDS)).isTrue();
        await().during(Duration.ofMillis(300))
                .until(() -> job(takeover, id).state() == JobState.SUCCEEDED
                        && job(takeover, id).attempts() == 2);
        assertThat(takeoverRuns).hasValue(1);
    }

    @Test
    void jobsOfATypeNobodyHandlesWaitUntilAHandlerArrives() {
        JobQueue queue = queue(FAST);
        String id = queue.enqueue(type, "{}");
        queue.housekeepingNow();
        assertThat(job(queue, id).state()).isEqualTo(JobState.QUEUED);
        await().during(Duration.ofMillis(700)).until(() -> job(queue, id).state() == JobState.QUEUED);
        handle(queue, type, job -> {});
        await().until(() -> job(queue, id).state() == JobState.SUCCEEDED);
    }

    @Test
    void enqueueWakesAnIdleWorkerWithoutWaitingForThePoll() {
        JobQueue queue = queue(SLOW_POLL);
        handle(queue, type, job -> {});
        String id = queue.enqueue(type, "{}");
        await().atMost(Duration.ofSeconds(3)).until(() -> job(queue, id).state() == JobState.SUCCEEDED);
    }

    @Test
    void enqueueInATransactionStoresTheJobOnlyWithTheCommitAndWakesTheWorkerAfterIt() {
        JobQueue queue = queue(SLOW_POLL);
        handle(queue, type, job -> {});
        JobRequest request = JobRequest.builder(type, "{}").build();

        String[] rolledBack = new String[1];
        assertThatThrownBy(() -> store.transaction(tx -> {
                    rolledBack[0] = queue.enqueue(tx, request);
                    throw new IllegalStateException("the caller's own write failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(queue.find(rolledBack[0]))
                .as("rolled back with the transaction")
                .isEmpty();

        String id = store.transaction(tx -> {
            String enqueued = queue.enqueue(tx, request);
            // Slow the commit: a worker woken at enqueue (not at commit) would find nothing and sleep for the poll.
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return enqueued;
        });
        await().atMost(Duration.ofSeconds(3)).until(() -> job(queue, id).state() == JobState.SUCCEEDED);
    }

    @Test
    void shutdownLetsShortJobsFinishAndReleasesTheRest() throws Exception {
        JobQueue queue = JobQueue.create(store, FAST); // grace 2 s
        queue.start();
        CountDownLatch bothRunning = new CountDownLatch(2);
        handle(queue, type, job -> {
            bothRunning.countDown();
            if (job.payloadJson().contains("short")) {
                Thread.sleep(300); // a handler doing work, not the test waiting
            } else {
                new CountDownLatch(1).await(); // never finishes on its own
            }
        });
        String finishing = queue.enqueue(type, "{\"kind\":\"short\"}");
        String hanging = queue.enqueue(type, "{\"kind\":\"hang\"}");
        assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
        queue.close();
        assertThat(job(queue, finishing).state()).isEqualTo(JobState.SUCCEEDED);
        JobView released = job(queue, hanging);
        assertThat(released.state()).isEqualTo(JobState.QUEUED);
        assertThat(released.attempts())
                .as("a released job does not spend its attempt")
                .isZero();

        JobQueue next = queue(FAST);
        handle(next, type, job -> {});
        await().until(() -> job(next, hanging).state() == JobState.SUCCEEDED);
    }

    @Test
    void adminPagesWalkAllJobsWithACursor() {
        JobQueue queue = queue(FAST);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 7; i++) {
            ids.add(queue.enqueue(type, "{}"));
        }
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            JobPage page = queue.page(Optional.of(JobState.QUEUED), Optional.of(type), 3, cursor);
            page.jobs().forEach(j -> seen.add(j.id()));
            cursor = page.cursor();
            pages++;
        } while (cursor.isPresent());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
    }

    @Test
    void twoWorkersShareTheQueueAndNoJobRunsTwiceAtOnce() {
        JobQueue one = queue(FAST);
        JobQueue two = queue(FAST);
        Map<String, AtomicInteger> concurrent = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        JobHandler handler = job -> {
            runs.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
            if (concurrent.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.onSpinWait();
            concurrent.get(job.id()).decrementAndGet();
        };
        var unusedOne = one.register(JobOwner.host("one"), Map.of(type, handler));
        var unusedTwo = two.register(JobOwner.host("two"), Map.of(type, handler));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add((i % 2 == 0 ? one : two).enqueue(type, "{}"));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> one.page(Optional.of(JobState.SUCCEEDED), Optional.of(type), 500, Optional.empty())
                                .jobs()
                                .size()
                        == 200);
        assertThat(overlaps).hasValue(0);
        assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(runs.values()).allSatisfy(n -> assertThat(n).hasValue(1));
    }
}
