package com.mirogateway.platform.host.store;

import com.mirogateway.platform.api.StoreException;
import com.mirogateway.platform.host.logging.LogContext;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Group commit for SQLite's single writer connection: callers of {@link #run(Function)} queue their work; one writer
 * thread takes whatever has queued up (at most {@link #MAX_BATCH}) and runs it in one transaction, one work after
 * another, with one commit for all; a work that throws rolls the whole batch back (its caller gets its exception, the
 * others a {@link StoreException}). Batches form by themselves: while a batch commits (or the writer waits
 * for the connection, busy with other statements), the next callers queue. A caller returns only once its batch has
 * committed. Thread-safe.
 */
final class GroupCommit implements AutoCloseable {
    /** Most works in one transaction: bounds how long one batch holds the connection. */
    static final int MAX_BATCH = 128;

    private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());

    private final HostStore store;
    private final LinkedBlockingQueue<Member<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    private record Member<T>(
            Function<DbExecute, T> work, CompletableFuture<T> result, String correlationId, ClassLoader loader) {}

    GroupCommit(HostStore store) {
        this.store = store;
        this.writer = Thread.ofPlatform().daemon().name("store-group-commit").start(this::write);
    }

    /** Queues {@code work} for the next batch and waits until that batch committed (or failed). */
    <T> T run(Function<DbExecute, T> work) {
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("groupCommit inside a groupCommit work");
        }
        Member<T> member = new Member<>(
                work,
                new CompletableFuture<>(),
                LogContext.correlationId().orElse(null),
                Thread.currentThread().getContextClassLoader());
        queue.add(member);
        if (closed) {
            failAll(new StoreException("The store is closed", null));
        }
        try {
            return member.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void write() {
        List<Member<?>> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            commit(batch);
            batch.clear();
        }
        failAll(new StoreException("The store is closed", null));
    }

    private void commit(List<Member<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        try {
            store.transaction(tx -> {
                for (Member<?> member : batch) {
                    completions.add(runMember(tx, member));
                }
                return null;
            });
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "A group commit of " + batch.size() + " transactions failed: " + e.getMessage());
            StoreException failure = new StoreException("Commit failed: " + e.getMessage(), e);
            batch.forEach(member -> member.result().completeExceptionally(failure));
            return;
        }
        completions.forEach(Runnable::run);
    }

    /** Runs one work; returns what completes its caller once the batch committed. A failure fails the batch. */
    private static <T> Runnable runMember(DbExecute tx, Member<T> member) {
        Thread thread = Thread.currentThread();
        thread.setContextClassLoader(member.loader());
        if (member.correlationId() != null) {
            LogContext.set(member.correlationId());
        }
        try {
            T result = member.work().apply(tx);
            return () -> member.result().complete(result);
        } catch (RuntimeException | Error e) {
            // Its own caller sees its own failure; the transaction (Helidon closes it on a failed statement) is
            // rolled back, and the batch's other callers get a StoreException.
            member.result()
                    .completeExceptionally(
                            e instanceof DbClientException db ? new StoreException(db.getMessage(), db) : e);
            throw e;
        } finally {
            LogContext.clear();
            thread.setContextClassLoader(GroupCommit.class.getClassLoader());
        }
    }

    private void failAll(StoreException failure) {
        for (Member<?> member; (member = queue.poll()) != null; ) {
            member.result().completeExceptionally(failure);
        }
    }

    /** Lets the batch being written finish, then fails whatever is still queued. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(new StoreException("The store is closed", null));
    }
}
