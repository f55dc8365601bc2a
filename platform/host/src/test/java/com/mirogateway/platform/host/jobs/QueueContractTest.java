package com.mirogateway.platform.host.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

    /** {@code base} with another {@code jobs.concurrency}. */
    static JobsConfig withConcurrency(JobsConfig base, int concurrency) {
        return new JobsConfig(
                concurrency,
                base.claimBatch(),
                base.pollInterval(),
                base.lease(),
                base.renewInterval(),
                base.reapInterval(),
                base.timeout(),
                base.maxAttempts(),
                base.backoffBase(),
                base.backoffCap(),
                base.maxSnoozes(),
                base.shutdownGrace(),
                base.succeededRetention());
    }

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
    void aJobLeavesItsOwnerOnlyOnceItsSuccessIsRecorded() {
        JobQueue queue = queue(STEADY);
        AtomicReference<String> id = new AtomicReference<>();
        List<JobState> statesAtExit = new CopyOnWriteArrayList<>();
        JobOwner draining = new JobOwner() {
            @Override
            public String name() {
                return "draining";
            }

            @Override
            public boolean enter() {
                return true;
            }

            @Override
            public void exit() {
                statesAtExit.add(job(queue, id.get()).state());
            }

            @Override
            public void run(Callable<Void> call) throws Exception {
                call.call();
            }
        };
        var unused = queue.register(draining, Map.of(type, job -> id.set(job.id())));
        queue.enqueue(type, "{}");
        await().until(() -> !statesAtExit.isEmpty());
        assertThat(statesAtExit)
                .as("a plugin drained once its jobs left it sees their outcomes stored")
                .containsExactly(JobState.SUCCEEDED);
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

    @Test
    void oneFailingJobOfAClaimedBatchIsRetriedAloneAndTheOthersRunOnce() {
        JobQueue queue = queue(STEADY);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(queue.enqueue(type, "{\"n\":" + i + "}")); // waiting before any handler: full claims
        }
        String failing = ids.get(13);
        Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
        handle(queue, type, job -> {
            attempts.computeIfAbsent(job.id(), k -> new CopyOnWriteArrayList<>())
                    .add(job.attempt());
            if (job.id().equals(failing) && job.attempt() == 1) {
                throw new IllegalStateException("one bad item");
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> succeeded(queue) == 30);
        assertThat(attempts.get(failing)).containsExactly(1, 2);
        assertThat(job(queue, failing).attempts()).isEqualTo(2);
        assertThat(job(queue, failing).lastError()).contains("one bad item");
        for (String id : ids) {
            if (!id.equals(failing)) {
                assertThat(attempts.get(id)).as("job %s", id).containsExactly(1);
                assertThat(job(queue, id).attempts()).isEqualTo(1);
                assertThat(job(queue, id).lastError()).isEmpty();
            }
        }
    }

    @Test
    void slowJobsAreNotClaimedAheadOfAFreeHandlerSlot() {
        JobQueue queue = queue(withConcurrency(STEADY, 2));
        for (int i = 0; i < 8; i++) {
            queue.enqueue(type, "{}");
        }
        List<Long> waits = new CopyOnWriteArrayList<>();
        handle(queue, type, job -> {
            // From the claim (started_at, the database clock on this machine) to the handler's start.
            long claimedAt = job(queue, job.id()).startedAt().orElseThrow().toEpochMilli();
            waits.add(System.currentTimeMillis() - claimedAt);
            Thread.sleep(300); // the job's work
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> succeeded(queue) == 8);
        assertThat(waits)
                .as("ms each job waited in hand: claimed ahead it would wait for a whole job (300 ms)")
                .hasSize(8)
                .allSatisfy(wait -> assertThat(wait).isLessThan(150L));
    }

    @Test
    void quickJobsAreClaimedAheadAndThoseNeverStartedAreReleasedOnShutdown() throws Exception {
        JobQueue queue = JobQueue.create(store, withConcurrency(FAST, 1)); // one handler; grace 2 s
        queue.start();
        AtomicInteger blockersStarted = new AtomicInteger();
        handle(queue, type, job -> {
            if (job.payloadJson().contains("block")) {
                blockersStarted.incrementAndGet();
                new CountDownLatch(1).await(); // never finishes on its own
            }
        });
        warmUpWithQuickJobs(queue);

        String one = queue.enqueue(type, "{\"block\":1}");
        String two = queue.enqueue(type, "{\"block\":2}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> job(queue, one).state() == JobState.RUNNING
                        && job(queue, two).state() == JobState.RUNNING);
        assertThat(blockersStarted)
                .as("one handler slot: the other job waits, claimed ahead")
                .hasValue(1);

        queue.close();
        assertThat(blockersStarted).hasValue(1);
        for (String id : List.of(one, two)) {
            JobView released = job(queue, id);
            assertThat(released.state()).isEqualTo(JobState.QUEUED);
            assertThat(released.attempts())
                    .as("released without spending an attempt")
                    .isZero();
        }
    }

    @Test
    void aJobClaimedAheadWhoseLeaseWasTakenOverIsNeverStartedByTheWorkerThatLostIt() {
        JobQueue queue = queue(withConcurrency(FAST, 1)); // lease 2 s
        CountDownLatch unblock = new CountDownLatch(1);
        Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
        handle(queue, type, job -> {
            attempts.computeIfAbsent(job.id(), k -> new CopyOnWriteArrayList<>())
                    .add(job.attempt());
            if (job.payloadJson().contains("block")) {
                unblock.await(); // holds the only handler slot until the test lets it go
            }
        });
        warmUpWithQuickJobs(queue);

        String blocker = queue.enqueue(type, "{\"block\":1}");
        String waiting = queue.enqueue(type, "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> job(queue, blocker).state() == JobState.RUNNING);
        // Claiming ahead follows measured claim and handler times: on a machine so loaded that a claim looks no slower
        // than a no-op handler, the worker rightly claims nothing ahead and this case cannot arise (aborted, not
        // passed).
        assumeTrue(
                waitFor(Duration.ofSeconds(10), () -> job(queue, waiting).state() == JobState.RUNNING),
                "the worker did not claim the second job ahead on this machine");
        // The waiting job's lease goes elsewhere (its worker stalled, as far as the database can tell); the reaper
        // takes it back while this worker still holds it in hand.
        store.db()
                .execute()
                .update("UPDATE gateway_jobs SET lease_owner = 'stalled', lease_expires_at = 0 WHERE id = ?", waiting);
        queue.housekeepingNow();
        await().pollDelay(Duration.ofMillis(1_200)).until(() -> true); // past half the lease, still in hand
        unblock.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> job(queue, waiting).state() == JobState.SUCCEEDED);
        assertThat(attempts.get(waiting))
                .as("attempt 1 was taken over: never run")
                .doesNotContain(1);
        assertThat(job(queue, waiting).lastError())
                .hasValueSatisfying(e -> assertThat(e).contains("lease expired"));
    }

    /** Enough no-op jobs that the worker knows its handlers finish faster than a claim, and so claims ahead. */
    private void warmUpWithQuickJobs(JobQueue queue) {
        for (int i = 0; i < 200; i++) {
            queue.enqueue(type, "{}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> succeeded(queue) >= 200);
    }

    private int succeeded(JobQueue queue) {
        return inState(queue, JobState.SUCCEEDED);
    }

    private int inState(JobQueue queue, JobState state) {
        return queue.counts()
                .getOrDefault(type, Map.of())
                .getOrDefault(state, 0L)
                .intValue();
    }

    private static boolean waitFor(Duration limit, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(limit).until(condition);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }
}
