package com.mirogateway.platform.api;

/**
 * The host's client of the Miro REST API, shared by all plugins: {@link PluginContext#miro()}.
 *
 * <p>The host owns everything about talking to Miro: the base URL ({@code miro.base-url}), the access token (a static
 * one, or OAuth tokens it refreshes before expiry and once on a 401, one refresh at a time), Miro's rate budget (read
 * from {@code X-RateLimit-*} on every response; calls slow down before it runs out and none is sent before the reset
 * after a 429), retries of idempotent calls on 5xx and connection errors, and a circuit breaker and bulkhead that keep
 * a failing Miro from taking the gateway down. A plugin only says what to call.
 *
 * <p>Calls block the calling thread (a request's or a job's virtual thread) until Miro answered or the client gave up.
 * The request's correlation id travels as {@code X-Request-Id}. Tokens are never logged and never handed to plugins.
 * Implementations are thread-safe.
 */
public interface MiroClient {

    /**
     * Sends one request to Miro.
     *
     * @param request what to call
     * @return Miro's answer, when its status is 2xx or 3xx
     * @throws MiroErrorException if Miro answered with another 4xx status than 429 (a 401 only after a token refresh
     *     did not help); it carries Miro's status and error body
     * @throws MiroRateLimitedException if Miro's rate budget is spent until a known time: Miro answered 429, or the
     *     client did not send the call because the budget (for {@link MiroRequest.Priority#BACKGROUND} calls: the part
     *     above the reserve for interactive calls) is exhausted until the reset
     * @throws MiroUnavailableException if Miro could not be reached, timed out, kept answering 5xx, or the circuit
     *     breaker is open or the bulkhead full
     */
    MiroResponse send(MiroRequest request);
}
