package com.mirogateway.platform.host.miro;

import com.mirogateway.platform.api.MiroUnavailableException;
import com.mirogateway.platform.api.MiroUnavailableException.Reason;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerConfig;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The circuit breaker in front of Miro: Helidon's {@link CircuitBreaker}, plus the time an open breaker lets a trial
 * call through again (Helidon turns half-open {@code delay} after it opened, but does not tell when it opened). A call
 * the breaker turns away becomes {@link MiroUnavailableException} ({@link Reason#CIRCUIT_OPEN}) carrying that time, so
 * clients get a true {@code Retry-After} and jobs are put off until then without spending an attempt.
 *
 * <p>The opening is noticed by the call whose failure caused it: after a failed call, an open breaker whose known
 * half-open time has passed (or was never set) opened just now. Thread-safe; calls run on the caller's thread.
 */
final class MiroCircuit {
    /** How long a call turned away without a known half-open time waits: a trial call is deciding right now. */
    static final Duration TRIAL_WAIT = Duration.ofSeconds(1);

    private final Optional<CircuitBreaker> breaker;
    private final Duration delay;
    private final Clock clock;
    private volatile Instant halfOpenAt = Instant.EPOCH;

    private MiroCircuit(Optional<CircuitBreaker> breaker, Duration delay, Clock clock) {
        this.breaker = breaker;
        this.delay = delay;
        this.clock = clock;
    }

    /**
     * Creates the circuit; a disabled one passes every call.
     *
     * @param settings {@code miro.circuit-breaker}
     * @param failures the exceptions that count as failed calls
     * @param clock the clock the half-open time is told by
     */
    static MiroCircuit create(
            MiroConfig.BreakerSettings settings, List<Class<? extends Throwable>> failures, Clock clock) {
        if (!settings.enabled()) {
            return new MiroCircuit(Optional.empty(), settings.delay(), clock);
        }
        CircuitBreakerConfig.Builder builder = CircuitBreaker.builder()
                .name("miro")
                .volume(settings.volume())
                .errorRatio(settings.errorRatio())
                .delay(settings.delay())
                .successThreshold(settings.successThreshold());
        for (Class<? extends Throwable> failure : failures) {
            builder.addApplyOn(failure);
        }
        return new MiroCircuit(Optional.of(builder.build()), settings.delay(), clock);
    }

    /**
     * Runs a call through the breaker.
     *
     * @param call one exchange with Miro
     * @return its result
     * @throws MiroUnavailableException with {@link Reason#CIRCUIT_OPEN} and the time to come back if the breaker turned
     *     the call away (Miro was not called); whatever the call threw otherwise
     */
    <T> T call(Supplier<T> call) {
        if (breaker.isEmpty()) {
            return call.get();
        }
        try {
            return breaker.get().invoke(call);
        } catch (CircuitBreakerOpenException e) {
            throw new MiroUnavailableException(
                    Reason.CIRCUIT_OPEN,
                    halfOpenAt().orElseGet(() -> clock.instant().plus(TRIAL_WAIT)),
                    "Calls to Miro are suspended after repeated failures (circuit breaker open)",
                    e);
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            if (breaker.get().state() == CircuitBreaker.State.OPEN && !halfOpenAt.isAfter(now)) {
                halfOpenAt = now.plus(delay); // this failure (or one beside it) opened the breaker
            }
            throw e;
        }
    }

    /**
     * When the open breaker lets a trial call through again.
     *
     * @return the time, while the breaker is open and the time lies ahead; empty while it is closed, half-open (a trial
     *     call decides), or disabled
     */
    Optional<Instant> halfOpenAt() {
        Instant at = halfOpenAt;
        return breaker.filter(b -> b.state() == CircuitBreaker.State.OPEN)
                .filter(b -> at.isAfter(clock.instant()))
                .map(b -> at);
    }
}
