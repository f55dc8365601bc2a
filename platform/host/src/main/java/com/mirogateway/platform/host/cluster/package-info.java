/**
 * Several gateways on one PostgreSQL database behaving as one: the change channel (a change table as the source of
 * truth, {@code LISTEN/NOTIFY} or polling as the wake-up), the following of plugin changes made through other
 * gateways ({@link com.mirogateway.platform.host.cluster.PluginFollower}), membership heartbeats with
 * {@code GET /admin/cluster}, and the lock that keeps a SQLite database to one gateway process.
 */
package com.mirogateway.platform.host.cluster;
