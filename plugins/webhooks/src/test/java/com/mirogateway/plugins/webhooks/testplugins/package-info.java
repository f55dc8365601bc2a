/** Plugins the webhooks tests pack into jars of their own. */
package com.mirogateway.plugins.webhooks.testplugins;
