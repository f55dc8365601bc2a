package com.mirogateway.platform.host.miro;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.api.MiroRequest.Priority;
import com.mirogateway.platform.api.MiroResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateBudgetTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private final MutableClock clock = new MutableClock();
    private final RateBudget budget =
            new RateBudget(new MiroConfig.RateLimitSettings(10_000, 10, 20, Duration.ofSeconds(2)), clock);

    private static MiroResponse answer(int status, Map<String, String> headers) {
        Map<String, List<String>> all = new java.util.HashMap<>();
        headers.forEach((k, v) -> all.put(k, List.of(v)));
        return MiroResponse.create(status, all, new byte[0]);
    }

    @Test
    void callsGoAtOnceWhileTheBudgetLasts() {
        assertThat(budget.reserve(Priority.INTERACTIVE, 100)).isEqualTo(new RateBudget.Decision.Go(Duration.ZERO));
        assertThat(budget.reserve(Priority.BACKGROUND, 100)).isEqualTo(new RateBudget.Decision.Go(Duration.ZERO));
    }

    @Test
    void backgroundCallsLeaveTheReserveToInteractiveOnes() {
        budget.reconcile(answer(
                200,
                Map.of(
                        "X-RateLimit-Limit", "10000",
                        "X-RateLimit-Remaining", "2050",
                        "X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 30))));

        assertThat(budget.reserve(Priority.BACKGROUND, 100))
                .isEqualTo(new RateBudget.Decision.Wait(NOW.plusSeconds(30), false));
        assertThat(budget.reserve(Priority.INTERACTIVE, 100)).isInstanceOf(RateBudget.Decision.Go.class);
    }

    @Test
    void callsAreSpreadOutBelowTheSlowDownMark() {
        budget.reconcile(answer(
                200,
                Map.of("X-RateLimit-Remaining", "600", "X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 50))));

        RateBudget.Decision decision = budget.reserve(Priority.INTERACTIVE, 100);

        assertThat(decision).isEqualTo(new RateBudget.Decision.Go(Duration.ofSeconds(10)));
    }

    @Test
    void spentBudgetWaitsForTheResetThenRefills() {
        budget.reconcile(answer(
                200,
                Map.of("X-RateLimit-Remaining", "50", "X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 5))));

        assertThat(budget.reserve(Priority.INTERACTIVE, 100))
                .isEqualTo(new RateBudget.Decision.Wait(NOW.plusSeconds(5), false));
        clock.advance(Duration.ofSeconds(5));
        assertThat(budget.reserve(Priority.INTERACTIVE, 100)).isEqualTo(new RateBudget.Decision.Go(Duration.ZERO));
    }

    @Test
    void a429BlocksEveryCallUntilTheResetAtMostAMinute() {
        Instant until =
                budget.blockAfter429(answer(429, Map.of("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 3))));

        assertThat(until).isEqualTo(NOW.plusSeconds(3));
        assertThat(budget.reserve(Priority.INTERACTIVE, 0)).isEqualTo(new RateBudget.Decision.Wait(until, true));
        assertThat(budget.describe()).contains("blocked until");
        clock.advance(Duration.ofSeconds(3));
        assertThat(budget.reserve(Priority.INTERACTIVE, 100)).isInstanceOf(RateBudget.Decision.Go.class);

        assertThat(budget.blockAfter429(answer(429, Map.of("Retry-After", "600"))))
                .isEqualTo(clock.instant().plus(RateBudget.WINDOW));
        assertThat(budget.blockAfter429(answer(429, Map.of("X-RateLimit-Reset", "12"))))
                .as("a reset in the past blocks briefly, never not at all")
                .isAfter(clock.instant());
    }

    @Test
    void malformedHeadersAreIgnored() {
        budget.reconcile(answer(200, Map.of("X-RateLimit-Remaining", "lots", "X-RateLimit-Limit", "-1")));

        assertThat(budget.reserve(Priority.BACKGROUND, 100)).isEqualTo(new RateBudget.Decision.Go(Duration.ZERO));
    }

    private static final class MutableClock extends Clock {
        private Instant now = NOW;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
