package com.mirogateway.plugins.boardsync;

import java.util.function.BiConsumer;

/**
 * Tells this instance which boards have new feed events, wherever they were made: the seam between the change feed
 * and how instances learn of each other's changes. {@link PollingChangeSignal} polls the event heads; a cluster
 * change channel (PostgreSQL {@code LISTEN/NOTIFY}) can replace it without touching the feed.
 *
 * <p>The listener may be called on any thread, more than once for the same number, and out of order across boards;
 * it is never called after {@link #close()} returns. Implementations are thread-safe.
 */
interface ChangeSignal extends AutoCloseable {

    /**
     * Starts delivering.
     *
     * @param listener gets a board id and the number of its newest event
     */
    void start(BiConsumer<String, Long> listener);

    /**
     * A change committed on this instance (called after the commit): its streams are woken at once.
     *
     * @param boardId the board
     * @param seq the number of its newest event
     */
    void committed(String boardId, long seq);

    /** Stops delivering; waits for a delivery under way. */
    @Override
    void close();
}
