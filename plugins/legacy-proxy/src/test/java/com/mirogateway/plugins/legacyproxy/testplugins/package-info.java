/** Plugins the legacy-proxy tests install next to it, packed from test classes. */
package com.mirogateway.plugins.legacyproxy.testplugins;
