/**
 * The HTTP edge: server assembly, the correlation-id filter, the dispatcher over the plugins' route table, per-route
 * metrics and RFC 9457 problem responses.
 */
package com.mirogateway.platform.host.http;
