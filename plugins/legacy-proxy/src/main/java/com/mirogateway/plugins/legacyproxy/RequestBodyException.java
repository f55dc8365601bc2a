package com.mirogateway.plugins.legacyproxy;

import java.io.Serial;

/**
 * The client's request body could not be forwarded because of the client, not the legacy service: it is larger than
 * {@code legacy.max-body-size}, or the client stopped sending it. Never counts against the circuit breaker.
 */
final class RequestBodyException extends LegacyProxyException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean tooLarge;

    private RequestBodyException(String message, Throwable cause, boolean tooLarge) {
        super(message, cause);
        this.tooLarge = tooLarge;
    }

    static RequestBodyException tooLarge(long limit) {
        return new RequestBodyException(
                "The request body is larger than the " + limit + " bytes the legacy proxy forwards", null, true);
    }

    static RequestBodyException aborted(Throwable cause) {
        return new RequestBodyException("The request body ended before it was complete", cause, false);
    }

    /** Whether the body exceeded the limit (else the client aborted it). */
    boolean tooLarge() {
        return tooLarge;
    }
}
