package com.mirogateway.platform.host.jobs;

/**
 * A job whose handler runs on this gateway: its thread (to interrupt it) and why it was interrupted, if it was.
 */
final class RunningJob {
    /** Why the host interrupted a handler. */
    enum Cancel {
        /** It ran longer than {@code jobs.timeout}: the attempt fails. */
        TIMEOUT,
        /** The gateway is shutting down: the job is released for another worker. */
        SHUTDOWN,
        /** The lease could not be renewed: another worker may already run it, so nothing is written. */
        LEASE_LOST
    }

    private final ClaimedJob job;
    private final Thread thread;
    private volatile Cancel cancel;

    RunningJob(ClaimedJob job, Thread thread) {
        this.job = job;
        this.thread = thread;
    }

    ClaimedJob job() {
        return job;
    }

    /** Interrupts the handler, keeping the first reason given. */
    synchronized void cancel(Cancel reason) {
        if (cancel == null) {
            cancel = reason;
            thread.interrupt();
        }
    }

    Cancel cancelled() {
        return cancel;
    }
}
