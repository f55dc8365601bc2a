package com.mirogateway.platform.api;

import io.helidon.dbclient.DbExecute;
import java.util.function.Consumer;

/**
 * Messages between the instances of one plugin on gateways sharing a PostgreSQL database, such as "drop what you hold
 * in memory about board X" after this instance changed the board's tables.
 *
 * <p>A message published here reaches the plugin's listener on every <em>other</em> gateway (not this one: the
 * publisher applies its own change) within about a notification's round trip, in publishing order, at least once
 * (listeners must be idempotent). On a single gateway (SQLite) publishing does nothing. Messages are short texts
 * (under a few kilobytes) and not secret: they sit in a table for a while.
 */
public interface ClusterMessages {

    /**
     * Publishes a message as part of the caller's transaction: it goes out if and when the transaction commits.
     *
     * @param transaction the open transaction, from {@link Store#transaction}
     * @param message the message
     * @throws StoreException if it cannot be recorded (the transaction then rolls back)
     */
    void publish(DbExecute transaction, String message);

    /**
     * Publishes a message in a transaction of its own, such as right after a change that committed.
     *
     * @param message the message
     * @throws StoreException if it cannot be recorded
     */
    void publish(String message);

    /**
     * Sets the plugin's listener; a later call (such as from the next start) replaces it. The listener runs on the
     * host's receiver thread with the plugin's class loader, only while the plugin runs; it must be quick and should
     * not throw (a throw is logged).
     *
     * @param listener gets each message from the plugin's instances on other gateways
     */
    void subscribe(Consumer<String> listener);
}
