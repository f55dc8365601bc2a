package com.mirogateway.platform.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class InFlightGateTest {
    private final InFlightGate gate = new InFlightGate();

    @Test
    void newGateIsClosedAndRefusesCalls() {
        assertThat(gate.tryEnter()).isFalse();
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void openGateCountsCallsUntilTheyExit() {
        gate.open();

        assertThat(gate.tryEnter()).isTrue();
        assertThat(gate.tryEnter()).isTrue();
        assertThat(gate.inFlight()).isEqualTo(2);

        gate.exit();
        assertThat(gate.inFlight()).isEqualTo(1);
    }

    @Test
    void closedGateRefusesNewCallsWithoutCountingThemButKeepsRunningOnes() {
        gate.open();
        assertThat(gate.tryEnter()).isTrue();

        gate.close();

        assertThat(gate.tryEnter()).isFalse();
        assertThat(gate.inFlight()).isEqualTo(1);
    }

    @Test
    void reopenedGateAcceptsCallsAgain() {
        gate.open();
        gate.close();
        gate.open();

        assertThat(gate.tryEnter()).isTrue();
        assertThat(gate.inFlight()).isEqualTo(1);
    }

    @Test
    void awaitIdleReturnsAtOnceWhenNothingIsInFlight() throws InterruptedException {
        gate.open();
        assertThat(gate.tryEnter()).isTrue();
        gate.exit();

        assertThat(gate.awaitIdle(Duration.ZERO)).isTrue();
    }

    @Test
    void awaitIdleGivesUpAfterTheTimeoutWhileACallIsInFlight() throws InterruptedException {
        gate.open();
        assertThat(gate.tryEnter()).isTrue();
        gate.close();

        long start = System.nanoTime();
        assertThat(gate.awaitIdle(Duration.ofMillis(120))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
        assertThat(gate.awaitIdle(Duration.ZERO)).isFalse();
    }

    @Test
    void awaitIdleReturnsOnceTheLastCallExits() throws ExecutionException, InterruptedException, TimeoutException {
        gate.open();
        assertThat(gate.tryEnter()).isTrue();
        assertThat(gate.tryEnter()).isTrue();
        gate.close();

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.awaitIdle(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        gate.exit();
        assertThat(gate.inFlight()).isEqualTo(1);
        gate.exit();

        assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.inFlight()).isZero();
    }
}
