package com.mirogateway.plugins.boardsync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One board's events as this instance's open streams of it see them: the newest events read from the log (one read
 * per change, however many streams follow the board) and a condition the streams wait on. Streams call
 * {@link #after} and {@link #await} on their own threads; {@link #moved} runs on the thread that learnt of a change.
 * Thread-safe.
 */
final class BoardChannel {
    /** Events held for streams that fall a little behind; older ones are read from the log. */
    private static final int RECENT = 1_000;

    private final String boardId;
    private final EventLog log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReentrantLock fetching = new ReentrantLock();
    private final ArrayDeque<BoardEvent> recent = new ArrayDeque<>();
    private long head;
    private boolean closed;

    BoardChannel(String boardId, EventLog log) {
        this.boardId = boardId;
        this.log = log;
        this.head = log.head(boardId).lastSeq();
    }

    /** The board's events moved on to {@code seq}: reads the new ones once and wakes the streams. */
    void moved(long seq) {
        fetching.lock();
        try {
            long from = head();
            while (from < seq) {
                List<BoardEvent> events = log.after(boardId, from, RECENT);
                if (events.isEmpty()) {
                    break;
                }
                publish(events);
                from = events.getLast().seq();
            }
        } finally {
            fetching.unlock();
        }
    }

    /**
     * The held events after {@code seq}.
     *
     * @return the events (empty when there are none yet), or empty if they do not reach back to {@code seq} (read the
     *     log)
     */
    Optional<List<BoardEvent>> after(long seq) {
        lock.lock();
        try {
            if (head <= seq) {
                return Optional.of(List.of());
            }
            if (recent.isEmpty() || recent.getFirst().seq() > seq + 1) {
                return Optional.empty();
            }
            List<BoardEvent> events = new ArrayList<>();
            for (BoardEvent event : recent) {
                if (event.seq() > seq) {
                    events.add(event);
                }
            }
            return Optional.of(events);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until there are events after {@code seq}, the channel closes, or the timeout passes.
     *
     * @return false if the timeout passed with nothing new
     */
    boolean await(long seq, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (head <= seq && !closed) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The newest number this channel knows. */
    long head() {
        lock.lock();
        try {
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting stream for good (the plugin stops). */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private void publish(List<BoardEvent> events) {
        lock.lock();
        try {
            for (BoardEvent event : events) {
                if (event.seq() > head) {
                    recent.addLast(event);
                    head = event.seq();
                }
            }
            while (recent.size() > RECENT) {
                recent.removeFirst();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
