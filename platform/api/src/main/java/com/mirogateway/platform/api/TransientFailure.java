package com.mirogateway.platform.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A failure that passes by itself: what failed may work again from {@link #availableAgainAt()} on, and trying sooner
 * is pointless. Miro being unavailable is the example: {@link MiroRateLimitedException} (budget spent, 429) and
 * {@link MiroUnavailableException} with a known time (circuit breaker open, 5xx with {@code Retry-After}).
 *
 * <p>The host's job runner honours it for whatever escapes a {@link JobHandler}: when the thrown exception, or one in
 * its cause chain, is a {@code TransientFailure} with a time, the job is put off until then without spending an
 * attempt, as if the handler had thrown {@link RetryLaterException} (which is one too). A handler can therefore let
 * the Miro client's exceptions escape. {@link PermanentJobFailureException} still wins over any cause.
 */
public interface TransientFailure {

    /**
     * When trying again may succeed.
     *
     * @return the time, or empty if it is unknown (then the failure is treated like any other)
     */
    Optional<Instant> availableAgainAt();
}
