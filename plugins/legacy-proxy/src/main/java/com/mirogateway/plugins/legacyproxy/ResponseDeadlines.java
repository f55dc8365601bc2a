package com.mirogateway.plugins.legacyproxy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.io.CloseMode;

/**
 * Enforces {@code legacy.read-timeout} on the wait for a response's head with one sweeping thread instead of a timer
 * per request.
 *
 * <p>A socket read with a timeout parks its virtual thread on the JDK's delay scheduler: a timer scheduled, cancelled
 * and a scheduler thread woken for every proxied request, about a tenth of the proxy's CPU under load. Here a request
 * {@link #watch watches} its connection (an add to a concurrent set) and {@link Watch#end ends} the watch once the
 * head arrived (a remove); a daemon thread looks every tenth of the timeout (at most {@value #MAX_TICK_MILLIS} ms) for
 * watches past their deadline and closes their connection, which ends the blocked read with an exception that the
 * caller, seeing {@link Watch#end} return {@code false}, reports as a timeout. A silent legacy service is thus cut off
 * between the timeout and the timeout plus one tick.
 *
 * <p>Created and closed with {@link LegacyUpstream}; thread-safe.
 */
final class ResponseDeadlines implements AutoCloseable {
    static final long MAX_TICK_MILLIS = 100;

    private final long timeoutNanos;
    private final long tickNanos;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    private volatile boolean closed;

    ResponseDeadlines(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.tickNanos = Math.clamp(
                timeoutNanos / 10, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(MAX_TICK_MILLIS));
        this.sweeper = Thread.ofPlatform()
                .daemon()
                .name("legacy-proxy-deadlines")
                .inheritInheritableThreadLocals(false)
                .start(this::sweep);
    }

    /**
     * Starts the deadline of a response awaited on a connection, {@code legacy.read-timeout} from now.
     *
     * @param connection the connection closed if the deadline passes first
     * @return the watch, to be {@linkplain Watch#end ended} exactly once
     */
    Watch watch(DefaultBHttpClientConnection connection) {
        Watch watch = new Watch(connection, System.nanoTime() + timeoutNanos);
        watches.add(watch);
        return watch;
    }

    /** One awaited response. */
    final class Watch {
        private final DefaultBHttpClientConnection connection;
        private final long deadline;
        private final AtomicBoolean settled = new AtomicBoolean();

        private Watch(DefaultBHttpClientConnection connection, long deadline) {
            this.connection = connection;
            this.deadline = deadline;
        }

        /**
         * Ends the watch, on the requesting thread once the response's head arrived or the exchange failed.
         *
         * @return {@code true} if ended in time; {@code false} if the deadline passed first, so the connection was
         *     closed (or is being closed) and the exchange counts as timed out
         */
        boolean end() {
            watches.remove(this);
            return settled.compareAndSet(false, true);
        }

        private void expireIfDue(long now) {
            if (now - deadline >= 0 && settled.compareAndSet(false, true)) {
                watches.remove(this);
                connection.close(CloseMode.IMMEDIATE);
            }
        }
    }

    private void sweep() {
        while (!closed || !watches.isEmpty()) {
            try {
                TimeUnit.NANOSECONDS.sleep(tickNanos);
            } catch (InterruptedException e) {
                // close() wakes the thread so it ends at once when nothing is awaited
            }
            long now = System.nanoTime();
            for (Watch watch : watches) {
                watch.expireIfDue(now);
            }
        }
    }

    /**
     * Lets the sweeping thread end: at once when no response is awaited, else once the last watch ended or expired, so
     * a request still in flight when the plugin stops keeps its deadline.
     */
    @Override
    public void close() {
        closed = true;
        sweeper.interrupt();
    }
}
