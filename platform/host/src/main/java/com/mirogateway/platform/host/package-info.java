/**
 * The gateway process: {@link com.mirogateway.platform.host.Main} reads the configuration layers and starts a
 * {@link com.mirogateway.platform.host.Gateway}, which assembles the web server, the plugins and the ops API.
 */
package com.mirogateway.platform.host;
