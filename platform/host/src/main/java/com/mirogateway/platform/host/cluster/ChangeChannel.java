package com.mirogateway.platform.host.cluster;

import com.mirogateway.platform.host.store.HostStore;
import com.mirogateway.platform.host.store.StoreConfig;
import io.helidon.dbclient.DbExecute;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The change channel between gateway instances sharing a PostgreSQL database.
 *
 * <p>A <em>change</em> ({@link #publish}) is a row in {@code gateway_changes} written in the caller's transaction,
 * with a notification that PostgreSQL sends when (and only if) it commits; every other instance delivers it to the
 * listeners of its kind, in id order, within a notification's round trip (or a poll interval in {@code poll} mode).
 * An instance that missed notifications (reconnect) reads the rows above the last id it applied. A <em>wake-up</em>
 * ({@link #wakeUp}) is a bare notification with no row: for hints whose truth is elsewhere (an enqueued job is in the
 * queue table anyway), so a lost one only costs latency; in {@code poll} mode there are none.
 *
 * <p>The publishing instance gets neither back: it applies its own change itself. On SQLite (one instance per file)
 * publishing does nothing. Listeners run on the channel's single receiver thread, one at a time; they must be quick,
 * idempotent (a change may be delivered twice after a reconnect) and must not throw (a throw is logged). Thread-safe.
 */
public final class ChangeChannel implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChangeChannel.class.getName());

    private final HostStore store;
    private final String instanceId;
    private final boolean notify;
    private final ChangeLog log;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private ChangeReceiver receiver;

    private ChangeChannel(HostStore store, String instanceId, boolean notify) {
        this.store = store;
        this.instanceId = instanceId;
        this.notify = notify;
        this.log = store == null ? null : new ChangeLog(store);
    }

    /**
     * Opens the channel and starts receiving (PostgreSQL only).
     *
     * @param store the migrated host store
     * @param storeConfig where the store is (the receiver holds a connection of its own for {@code LISTEN})
     * @param config the {@code cluster} section
     * @param instanceId this instance's id
     * @return the channel
     */
    static ChangeChannel open(HostStore store, StoreConfig storeConfig, ClusterConfig config, String instanceId) {
        boolean shared = storeConfig.url().startsWith("jdbc:postgresql:");
        ChangeChannel channel = new ChangeChannel(
                store, instanceId, shared && config.notifications() == ClusterConfig.Notifications.NOTIFY);
        if (shared) {
            channel.receiver = ChangeReceiver.start(channel, channel.log, storeConfig, config, instanceId);
        }
        return channel;
    }

    /**
     * A channel for a gateway alone on its store (or a test): publishes nothing, delivers nothing.
     *
     * @return the channel
     */
    public static ChangeChannel alone() {
        return new ChangeChannel(null, "alone", false);
    }

    /**
     * Records a change in the caller's open transaction; the other instances deliver it once it commits.
     *
     * @param tx the open transaction, from {@link HostStore#transaction}
     * @param kind what changed, such as {@code route-modes} or {@code plugin:board-sync}; listeners subscribe to it
     * @param payload a short text the listeners read (not secret: it sits in the table until pruned)
     */
    public void publish(DbExecute tx, String kind, String payload) {
        if (receiver != null) {
            log.append(tx, kind, instanceId, payload, notify);
        }
    }

    /**
     * Records a change in a transaction of its own.
     *
     * @param kind what changed
     * @param payload a short text the listeners read
     */
    public void publish(String kind, String payload) {
        if (receiver != null) {
            store.transaction(tx -> {
                publish(tx, kind, payload);
                return null;
            });
        }
    }

    /**
     * Wakes the other instances' listeners of {@code kind} once the transaction commits (notify mode only; nothing is
     * recorded, so a lost wake-up is not repeated).
     *
     * @param tx the open transaction
     * @param kind what to wake, such as {@code jobs}
     */
    public void wakeUp(DbExecute tx, String kind) {
        if (receiver != null && notify) {
            ChangeLog.notify(tx, "w:" + instanceId + ":" + kind);
        }
    }

    /**
     * Listens to a kind of change made on other instances.
     *
     * @param kind the kind
     * @param listener gets each change's payload (empty for a wake-up), on the receiver thread
     * @return a handle whose {@code close()} stops the listening
     */
    public AutoCloseable subscribe(String kind, Consumer<String> listener) {
        List<Consumer<String>> forKind = listeners.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>());
        forKind.add(listener);
        return () -> forKind.remove(listener);
    }

    /**
     * Makes {@code listener} the only listener of {@code kind}, replacing those before it (a plugin's next start).
     *
     * @param kind the kind
     * @param listener gets each change's payload, on the receiver thread
     */
    void subscribeAlone(String kind, Consumer<String> listener) {
        listeners.put(kind, new CopyOnWriteArrayList<>(List.of(listener)));
    }

    /** Whether other instances may share the store (PostgreSQL). */
    public boolean shared() {
        return receiver != null;
    }

    /** This instance's id: the origin of its changes and its row in {@code gateway_instances}. */
    public String instanceId() {
        return instanceId;
    }

    /** Called by the receiver thread for each change or wake-up from another instance. */
    void deliver(String kind, String payload) {
        for (Consumer<String> listener : listeners.getOrDefault(kind, List.of())) {
            try {
                listener.accept(payload);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A listener of cluster change ''" + kind + "'' failed", e);
            }
        }
    }

    ChangeLog log() {
        return log;
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
