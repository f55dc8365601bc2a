package com.mirogateway.platform.host.logging;

import java.util.logging.LogManager;

/**
 * The JUL log manager {@code bin/gateway} installs ({@code -Djava.util.logging.manager=...}): the JDK's, except that it
 * ignores {@link #reset()} once the JVM is shutting down.
 *
 * <p>The JDK resets logging from a shutdown hook of its own, which runs at the same time as the gateway's: without
 * this class every line the gateway logs while it drains requests and stops plugins on SIGTERM is lost. Nothing needs
 * closing at exit: {@link StdoutJsonHandler} flushes each record.
 */
public final class ShutdownSafeLogManager extends LogManager {

    /** Created by JUL itself, from the {@code java.util.logging.manager} system property. */
    public ShutdownSafeLogManager() {}

    @Override
    public void reset() {
        if (!shuttingDown()) {
            super.reset();
        }
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true; // hooks can no longer be added: the JVM is shutting down
        }
    }
}
