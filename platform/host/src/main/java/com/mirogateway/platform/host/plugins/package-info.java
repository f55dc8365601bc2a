/**
 * Plugin loading and lifecycle (PF4J), the route table the dispatcher reads, and the shared service registry.
 *
 * <p>{@link com.mirogateway.platform.host.plugins.PluginHost} is the single writer: every enable, disable and start
 * runs under its lock and ends by publishing a new immutable {@link com.mirogateway.platform.host.plugins.RouteTable}.
 * {@code PluginLoader} turns jars into runtimes; uploaded archives are kept in the store by
 * {@link com.mirogateway.platform.host.plugins.StoredArchives}.
 */
package com.mirogateway.platform.host.plugins;
