package com.mirogateway.platform.host.jobs;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records successful jobs in batches: handlers hand their finished job over and return at once; one thread writes up
 * to {@value #MAX_BATCH} completions in one fenced statement, collecting for at most {@value #LINGER_MILLIS} ms after
 * the first, then runs each job's {@code written} callback (whether the write succeeded or not). On SQLite, where every
 * write is serialised, this is what lifts throughput past one commit per job.
 *
 * <p>A completion not yet written when the process dies is lost like an unfinished job: the job runs again after its
 * lease expires (at-least-once). {@link #close()} writes what is pending.
 */
final class AckBatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AckBatcher.class.getName());
    static final int MAX_BATCH = 100;
    static final long LINGER_MILLIS = 2;

    private final JobRepository repository;
    private final String owner;
    private final LinkedBlockingQueue<Ack> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean open = true;

    AckBatcher(JobRepository repository, String owner) {
        this.repository = repository;
        this.owner = owner;
        this.writer = Thread.ofPlatform().daemon().name("jobs-acks").start(this::write);
    }

    /** Queues the job's completion; {@code written} runs on the writer thread once the batch holding it is written. */
    void succeeded(ClaimedJob job, Runnable written) {
        pending.add(new Ack(job, written));
        if (!open) { // closed: the writer may have finished, so this thread writes what it left
            List<Ack> left = new ArrayList<>();
            pending.drainTo(left);
            flush(left);
        }
    }

    private record Ack(ClaimedJob job, Runnable written) {}

    private void write() {
        List<Ack> batch = new ArrayList<>();
        while (open || !pending.isEmpty()) {
            try {
                Ack first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
                while (batch.size() < MAX_BATCH) {
                    long left = deadline - System.nanoTime();
                    Ack next = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : pending.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                open = false;
            }
            flush(batch);
            batch.clear();
        }
    }

    private void flush(List<Ack> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            Set<String> written =
                    repository.completeAll(batch.stream().map(Ack::job).toList(), owner);
            for (Ack ack : batch) {
                ClaimedJob job = ack.job();
                if (!written.contains(job.id())) {
                    LOG.log(
                            Level.WARNING,
                            "Job {0} ({1}) attempt {2}: lease lost to another worker, success dropped",
                            job.id(),
                            job.type(),
                            job.attempt());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Recording " + batch.size() + " finished jobs failed; their leases will expire", e);
        } finally {
            batch.forEach(ack -> ack.written().run());
        }
    }

    /** Writes what is pending and stops the writer thread. */
    @Override
    public void close() {
        open = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
