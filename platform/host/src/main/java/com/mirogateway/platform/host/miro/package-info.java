/**
 * The host's Miro REST API client, lent to plugins as {@link com.mirogateway.platform.api.MiroClient}: access tokens
 * (static, or OAuth refreshed and stored encrypted), Miro's rate budget, retries, circuit breaker and bulkhead.
 */
package com.mirogateway.platform.host.miro;
