/**
 * The ops console: {@code /console/}, the browser page ops use instead of curl, served from the distribution's
 * {@code console/} folder, and the settings it signs in with ({@code /console/config.json}).
 */
package com.mirogateway.platform.host.console;
