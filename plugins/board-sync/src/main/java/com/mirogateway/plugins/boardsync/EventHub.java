package com.mirogateway.plugins.boardsync;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This instance's open event streams: at most {@code maxStreams}, grouped per board in {@link BoardChannel}s that
 * exist while a stream follows the board. Learns of changes from the {@link ChangeSignal} ({@link #moved}); a change
 * also drops the board's memory layer, so replica pages changed through another instance are read again. Thread-safe.
 */
final class EventHub implements AutoCloseable {
    private final EventLog log;
    private final ReadThrough cache;
    private final int maxStreams;
    private final AtomicInteger streams = new AtomicInteger();
    private final Map<String, Entry> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Entry {
        private final BoardChannel channel;
        private int subscribers;

        Entry(BoardChannel channel) {
            this.channel = channel;
        }
    }

    EventHub(EventLog log, ReadThrough cache, int maxStreams) {
        this.log = log;
        this.cache = cache;
        this.maxStreams = maxStreams;
    }

    /** A board's events moved on to {@code seq} (on this instance or another). */
    void moved(String boardId, long seq) {
        cache.forgetBoardInMemory(boardId);
        Entry entry = channels.get(boardId);
        if (entry != null) {
            entry.channel.moved(seq);
        }
    }

    /** A stream's hold on a board's channel; closing it frees the stream's place. */
    interface Subscription extends AutoCloseable {
        BoardChannel channel();

        @Override
        void close();
    }

    /**
     * Opens a stream of a board, unless this instance already serves {@code maxStreams} or is stopping.
     *
     * @return the subscription, or empty when there is no room
     */
    Optional<Subscription> subscribe(String boardId) {
        if (closed || streams.incrementAndGet() > maxStreams) {
            streams.decrementAndGet();
            return Optional.empty();
        }
        Entry entry = channels.compute(boardId, (id, held) -> {
            Entry e = held != null ? held : new Entry(new BoardChannel(id, log));
            e.subscribers++;
            return e;
        });
        return Optional.of(new Subscription() {
            private boolean released;

            @Override
            public BoardChannel channel() {
                return entry.channel;
            }

            @Override
            public void close() {
                if (released) {
                    return;
                }
                released = true;
                channels.computeIfPresent(boardId, (id, held) -> --held.subscribers == 0 ? null : held);
                streams.decrementAndGet();
            }
        });
    }

    /** Open streams on this instance. */
    int streams() {
        return streams.get();
    }

    /** Ends every stream (the plugin stops). */
    @Override
    public void close() {
        closed = true;
        channels.values().forEach(entry -> entry.channel.close());
    }
}
