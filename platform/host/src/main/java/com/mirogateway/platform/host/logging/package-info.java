/**
 * Structured logging: one JSON object per line on standard output, carrying the request's correlation id.
 *
 * <p>Everything logs through {@code System.Logger} / java.util.logging; this package supplies the JUL handler and
 * formatter and the per-thread {@link com.mirogateway.platform.host.logging.LogContext}.
 */
package com.mirogateway.platform.host.logging;
