package com.mirogateway.platform.host.miro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.api.MiroUnavailableException;
import com.mirogateway.platform.api.MiroUnavailableException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Helidon's breaker around Miro calls, and the half-open time it does not tell by itself. */
class MiroCircuitTest {
    private static String failing() {
        throw new IllegalStateException("Miro is down");
    }

    private static MiroCircuit circuit(boolean enabled, Duration delay) {
        return MiroCircuit.create(
                new MiroConfig.BreakerSettings(enabled, 2, 50, delay, 1),
                List.of(IllegalStateException.class),
                Clock.systemUTC());
    }

    /** Fails calls until the breaker opens; returns the time before the first failure. */
    private static Instant open(MiroCircuit circuit) {
        Instant before = Instant.now();
        for (int i = 0; i < 10 && circuit.halfOpenAt().isEmpty(); i++) {
            assertThatThrownBy(() -> circuit.call(MiroCircuitTest::failing)).isInstanceOf(IllegalStateException.class);
        }
        return before;
    }

    @Test
    void anOpenCircuitSaysWhenItLetsCallsThroughAgainAndRejectsCallsUntilThen() {
        MiroCircuit circuit = circuit(true, Duration.ofSeconds(30));
        assertThat(circuit.halfOpenAt()).as("closed").isEmpty();

        Instant before = open(circuit);
        Instant after = Instant.now();
        MiroUnavailableException rejected =
                catchThrowableOfType(MiroUnavailableException.class, () -> circuit.call(() -> "not called"));

        assertThat(circuit.halfOpenAt())
                .hasValueSatisfying(at -> assertThat(at).isBetween(before.plusSeconds(30), after.plusSeconds(30)));
        assertThat(rejected.reason()).isEqualTo(Reason.CIRCUIT_OPEN);
        assertThat(rejected.retryAt()).isEqualTo(circuit.halfOpenAt());
        assertThat(rejected.availableAgainAt()).as("what the job runner reads").isEqualTo(circuit.halfOpenAt());
    }

    @Test
    void aFailedTrialCallOpensTheCircuitAgainWithALaterTime() {
        MiroCircuit circuit = circuit(true, Duration.ofMillis(300));
        open(circuit);
        Instant first = circuit.halfOpenAt().orElseThrow();

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    assertThatThrownBy(() -> circuit.call(MiroCircuitTest::failing))
                            .isInstanceOf(RuntimeException.class);
                    Optional<Instant> next = circuit.halfOpenAt();
                    return next.isPresent() && next.get().isAfter(first);
                });
    }

    @Test
    void aCallTurnedAwayWithoutAKnownTimeComesBackAfterTheTrialWait() {
        MiroCircuit circuit = circuit(true, Duration.ofMillis(300));
        open(circuit);
        await().atMost(Duration.ofSeconds(5)).until(() -> circuit.halfOpenAt().isEmpty());

        Instant before = Instant.now();
        RuntimeException outcome =
                catchThrowableOfType(RuntimeException.class, () -> circuit.call(MiroCircuitTest::failing));

        if (outcome instanceof MiroUnavailableException rejected) {
            // Helidon had not turned half-open yet: the known time has passed, so a short wait is given
            assertThat(rejected.retryAt())
                    .hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(before.plus(MiroCircuit.TRIAL_WAIT)));
        } else {
            assertThat(outcome).hasMessage("Miro is down"); // the trial call ran, failed and opened it again
            assertThat(circuit.halfOpenAt()).isPresent();
        }
    }

    @Test
    void aDisabledCircuitCallsEveryTimeAndNeverOpens() {
        MiroCircuit circuit = circuit(false, Duration.ofSeconds(30));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> circuit.call(MiroCircuitTest::failing)).isInstanceOf(IllegalStateException.class);
        }

        assertThat(circuit.call(() -> "called")).isEqualTo("called");
        assertThat(circuit.halfOpenAt()).isEmpty();
    }
}
