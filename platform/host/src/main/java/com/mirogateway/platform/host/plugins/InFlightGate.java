package com.mirogateway.platform.host.plugins;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts calls into one plugin (requests, service calls) so a disable can wait for them.
 *
 * <p>A caller {@link #tryEnter() enters} before calling the plugin and {@link #exit() exits} after. Once
 * {@link #close() closed}, {@code tryEnter} fails, so a request that raced with a disable re-resolves its route against
 * the new table instead of calling a stopping plugin. The counter is incremented before the open flag is read and the
 * flag is cleared before the counter is read; both are volatile, so no call slips past a drain.
 */
final class InFlightGate {
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean open;
    private final Object idle = new Object();

    boolean tryEnter() {
        inFlight.incrementAndGet();
        if (open) {
            return true;
        }
        exit();
        return false;
    }

    void exit() {
        if (inFlight.decrementAndGet() == 0 && !open) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    void open() {
        open = true;
    }

    void close() {
        open = false;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Waits until no call is in flight; returns false if the timeout passed first. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
        return true;
    }
}
