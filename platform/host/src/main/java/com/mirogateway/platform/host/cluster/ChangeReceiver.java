package com.mirogateway.platform.host.cluster;

import com.mirogateway.platform.host.store.StoreConfig;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The thread that brings other instances' changes in. In {@code notify} mode it holds a connection of its own with
 * {@code LISTEN gateway_changes}: a change's notification makes it read the table above the last applied id, a
 * wake-up is delivered at once, and every {@code catch-up-interval} (and after every reconnect) it reads the table
 * anyway. In {@code poll} mode it reads the table every {@code poll-interval}. A lost connection is retried every
 * second, the gap filled from the table.
 */
final class ChangeReceiver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChangeReceiver.class.getName());
    /** How long a hole in the ids waits for its transaction to commit before it counts as rolled back. */
    private static final long GAP_TIMEOUT_MILLIS = 30_000;

    private final ChangeChannel channel;
    private final ChangeLog log;
    private final StoreConfig storeConfig;
    private final ClusterConfig config;
    private final String instanceId;
    private final AppliedIds applied;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection listening;

    private ChangeReceiver(
            ChangeChannel channel, ChangeLog log, StoreConfig storeConfig, ClusterConfig config, String instanceId) {
        this.channel = channel;
        this.log = log;
        this.storeConfig = storeConfig;
        this.config = config;
        this.instanceId = instanceId;
        this.applied = new AppliedIds(log.lastId(), GAP_TIMEOUT_MILLIS);
        this.thread = Thread.ofPlatform().daemon().name("cluster-changes").unstarted(this::run);
    }

    static ChangeReceiver start(
            ChangeChannel channel, ChangeLog log, StoreConfig storeConfig, ClusterConfig config, String instanceId) {
        ChangeReceiver receiver = new ChangeReceiver(channel, log, storeConfig, config, instanceId);
        receiver.thread.start();
        return receiver;
    }

    private void run() {
        while (running) {
            try {
                if (config.notifications() == ClusterConfig.Notifications.NOTIFY) {
                    listen();
                } else {
                    catchUp();
                    pause(config.pollInterval());
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "Receiving cluster changes failed; retrying in a second: " + e.getMessage());
                    pause(Duration.ofSeconds(1));
                }
            }
        }
    }

    private void listen() throws SQLException {
        Properties login = new Properties();
        if (!storeConfig.username().isBlank()) {
            login.setProperty("user", storeConfig.username());
        }
        storeConfig.password().ifPresent(p -> login.setProperty("password", p));
        try (Connection connection = DriverManager.getConnection(storeConfig.url(), login)) {
            listening = connection;
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + ChangeLog.CHANNEL);
            }
            PGConnection pg = connection.unwrap(PGConnection.class);
            catchUp(); // whatever happened while this connection was not listening
            long nextCatchUp = System.nanoTime() + config.catchUpInterval().toNanos();
            while (running) {
                long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextCatchUp - System.nanoTime()));
                PGNotification[] received = pg.getNotifications((int) Math.min(waitMillis, Integer.MAX_VALUE));
                boolean changed = false;
                for (PGNotification notification : received == null ? new PGNotification[0] : received) {
                    changed |= receive(notification.getParameter());
                }
                if (changed || System.nanoTime() >= nextCatchUp) {
                    catchUp();
                    if (!changed) {
                        nextCatchUp =
                                System.nanoTime() + config.catchUpInterval().toNanos();
                    }
                }
            }
        } finally {
            listening = null;
        }
    }

    /** Handles one notification; returns true if it announces a change (the table is to be read). */
    private boolean receive(String payload) {
        if (payload.startsWith("w:")) {
            String[] parts = payload.split(":", 3);
            if (parts.length == 3 && !parts[1].equals(instanceId)) {
                channel.deliver(parts[2], "");
            }
            return false;
        }
        return true;
    }

    private void catchUp() {
        for (ChangeLog.Change change : log.after(applied.floor())) {
            if (applied.add(change.id()) && !change.origin().equals(instanceId)) {
                channel.deliver(change.kind(), change.payload());
            }
        }
        applied.settle(System.currentTimeMillis());
    }

    private void pause(Duration duration) {
        try {
            if (closing.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                running = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        closing.countDown();
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close(); // ends a blocking getNotifications at once
            } catch (SQLException e) {
                LOG.log(Level.DEBUG, "Closing the LISTEN connection: " + e.getMessage());
            }
        }
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
