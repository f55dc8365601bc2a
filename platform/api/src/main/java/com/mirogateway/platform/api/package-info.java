/**
 * The plugin SDK: the only types a Miro Gateway plugin compiles against.
 *
 * <p>A plugin is a PF4J jar with one {@link com.mirogateway.platform.api.GatewayPlugin} extension. The host hands it a
 * {@link com.mirogateway.platform.api.PluginContext} through which it claims routes, shares services, runs jobs, uses
 * the store and reads its configuration. Nothing host-internal is visible here.
 */
package com.mirogateway.platform.api;
