/**
 * The store: the gateway's database (SQLite by default, PostgreSQL by URL) behind Helidon's DbClient, its connection
 * pool, and schema migrations per owner (the host first, then each plugin).
 *
 * <p>{@link com.mirogateway.platform.host.store.HostStore} is the entry point; plugins see it through
 * {@link com.mirogateway.platform.api.Store}.
 */
package com.mirogateway.platform.host.store;
