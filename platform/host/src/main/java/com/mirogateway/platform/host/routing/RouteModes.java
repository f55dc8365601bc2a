package com.mirogateway.platform.host.routing;

import com.mirogateway.platform.host.cluster.ChangeChannel;
import com.mirogateway.platform.host.plugins.RouteEntry;
import io.helidon.dbclient.DbExecute;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The live route modes: ops' settings from the store layered over the plugins' configuration, published as an
 * immutable {@link ModeTable} through a volatile field.
 *
 * <p>Readers ({@link #modeOf(RouteEntry)}, on every request to a claimed route) never block and never touch the store;
 * when no route has a setting, reading a mode is one field read. Writers (the ops API) write the store, then publish a
 * new table under one lock, so a change applies to the next request, without a restart. Each change is also published
 * on the cluster's change channel in the transaction that writes it; other gateways sharing the database reload their
 * table when it arrives (within a notification's round trip), and every {@code routing.refresh-interval} anyway.
 */
public final class RouteModes implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RouteModes.class.getName());
    /** The kind of the cluster change that says ops' route modes changed (the payload is empty: reload them all). */
    static final String CHANGE_KIND = "route-modes";

    private final RouteModeStore store;
    private final ConfiguredModes configured;
    private final ChangeChannel channel;
    private final AutoCloseable subscription;
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledExecutorService refresher;
    private volatile ModeTable table;

    RouteModes(RouteModeStore store, ConfiguredModes configured, Duration refreshInterval, ChangeChannel channel) {
        this.store = store;
        this.configured = configured;
        this.channel = channel;
        this.subscription = channel.subscribe(CHANGE_KIND, payload -> refresh());
        this.table = ModeTable.of(1, store.all(), configured);
        if (refreshInterval.isPositive()) {
            refresher = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofVirtual().name("route-modes-refresh").factory());
            long millis = refreshInterval.toMillis();
            var unused = refresher.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            refresher = null;
        }
    }

    /**
     * The mode a request to this route is served in. Called by the dispatcher on the request thread.
     *
     * @param route the claimed route
     * @return its mode
     */
    public RouteMode modeOf(RouteEntry route) {
        ModeTable current = table;
        return current.isTrivial()
                ? RouteMode.PLUGIN
                : current.resolve(route.id(), route.owner().id());
    }

    /** A route's mode and where it comes from. */
    Effective effective(String routeId, String pluginId) {
        return table.effective(routeId, pluginId);
    }

    /** Ops' setting for a plugin's routes, if any. */
    Optional<RouteMode> pluginSetting(String pluginId) {
        return table.pluginSetting(pluginId);
    }

    /** The revision of the live table; every published change gets a higher one. */
    long revision() {
        return table.revision();
    }

    /** Sets a route's mode (ops); applies to the next request. */
    void setRoute(String routeId, RouteMode mode) {
        change(tx -> {
            store.put(tx, RouteModeStore.ROUTE, routeId, mode);
            return true;
        });
        LOG.log(Level.INFO, "Route {0} is now in mode {1}", routeId, describe(mode));
    }

    /** Removes ops' setting for a route; returns false if there was none. */
    boolean clearRoute(String routeId) {
        return change(tx -> store.delete(tx, RouteModeStore.ROUTE, routeId));
    }

    /**
     * Sets the mode of a plugin's routes (ops): the plugin's setting, and ops' settings for its current routes removed
     * so the plugin's setting applies to them.
     *
     * @param pluginId the plugin
     * @param mode the mode
     * @param routeIds the plugin's current routes
     */
    void setPlugin(String pluginId, RouteMode mode, List<String> routeIds) {
        change(tx -> {
            store.put(tx, RouteModeStore.PLUGIN, pluginId, mode);
            routeIds.forEach(id -> store.delete(tx, RouteModeStore.ROUTE, id));
            return true;
        });
        LOG.log(Level.INFO, "Routes of plugin {0} are now in mode {1}", pluginId, describe(mode));
    }

    /** Removes ops' setting for a plugin's routes; returns false if there was none. */
    boolean clearPlugin(String pluginId) {
        return change(tx -> store.delete(tx, RouteModeStore.PLUGIN, pluginId));
    }

    /** Writes ops' change and announces it to the other gateways in one transaction, then publishes the table. */
    private boolean change(Function<DbExecute, Boolean> write) {
        lock.lock();
        try {
            boolean changed = store.transaction(tx -> {
                boolean result = write.apply(tx);
                if (result) {
                    channel.publish(tx, CHANGE_KIND, "");
                }
                return result;
            });
            table = ModeTable.of(table.revision() + 1, store.all(), configured);
            return changed;
        } finally {
            lock.unlock();
        }
    }

    private void refresh() {
        lock.lock();
        try {
            List<RouteModeStore.Row> rows = store.all();
            if (!table.holds(rows)) {
                table = ModeTable.of(table.revision() + 1, rows, configured);
                LOG.log(Level.INFO, "Route modes changed in the store; now at revision {0}", table.revision());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not refresh route modes from the store; keeping the current ones", e);
        } finally {
            lock.unlock();
        }
    }

    private static String describe(RouteMode mode) {
        return mode.mode() == Mode.CANARY
                ? "canary " + mode.canaryPercent() + "%"
                : mode.mode().text();
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Unsubscribing from route mode changes: " + e.getMessage());
        }
    }
}
