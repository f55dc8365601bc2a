package com.mirogateway.plugins.boardsync;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The {@link ChangeSignal} that polls the event heads every {@code interval}: boards whose head changed since the
 * last poll (less an overlap that covers slow commits and clock differences between instances) and whose number moved
 * past what this instance knew are reported. Changes made on this instance are reported at once. The same thread
 * prunes events older than the retention once a minute (or once per retention, if that is shorter). Thread-safe.
 */
final class PollingChangeSignal implements ChangeSignal {
    private static final System.Logger LOG = System.getLogger(PollingChangeSignal.class.getName());
    private static final Duration OVERLAP = Duration.ofSeconds(10);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final EventLog log;
    private final Duration interval;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, Long> known = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("board-sync-feed-poller").factory());
    private volatile BiConsumer<String, Long> listener = (board, seq) -> {};
    private volatile ScheduledFuture<?> polling;
    private long lastPoll;
    private long lastPrune;

    PollingChangeSignal(EventLog log, Duration interval, Duration retention, Clock clock) {
        this.log = log;
        this.interval = interval;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void start(BiConsumer<String, Long> listener) {
        this.listener = listener;
        this.lastPoll = clock.millis();
        this.lastPrune = lastPoll;
        this.polling = poller.scheduleWithFixedDelay(
                this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void committed(String boardId, long seq) {
        if (moved(boardId, seq)) {
            listener.accept(boardId, seq);
        }
    }

    private void poll() {
        try {
            long now = clock.millis();
            for (EventLog.Moved moved : log.movedSince(lastPoll - OVERLAP.toMillis())) {
                if (moved(moved.boardId(), moved.lastSeq())) {
                    listener.accept(moved.boardId(), moved.lastSeq());
                }
            }
            lastPoll = now;
            if (now - lastPrune >= Math.min(PRUNE_EVERY.toMillis(), retention.toMillis())) {
                lastPrune = now;
                long pruned = log.prune(now - retention.toMillis());
                if (pruned > 0) {
                    LOG.log(Level.INFO, "Pruned {0} feed events older than {1}", pruned, retention);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Polling the board event heads failed: {0}", e.getMessage());
        }
    }

    /** Records a board's number; true if it moved past what was known. */
    private boolean moved(String boardId, long seq) {
        Long before = known.get(boardId);
        if (before != null && before >= seq) {
            return false;
        }
        known.merge(boardId, seq, Math::max);
        return true;
    }

    @Override
    public void close() {
        if (polling != null) {
            polling.cancel(false);
        }
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
