/**
 * Test support for plugin teams and the gateway's own tests: {@link com.mirogateway.platform.testkit.TestGateway}
 * starts a real host on a free port with chosen plugins, configuration overrides and a WireMock legacy service;
 * {@link com.mirogateway.platform.testkit.PluginJar} packs plugins from the reactor or from test classes.
 */
package com.mirogateway.platform.testkit;
