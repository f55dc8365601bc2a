package com.mirogateway.platform.host.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    @Test
    void theCeilingDoublesPerFailedAttemptUpToTheCap() {
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theDelayIsBetweenHalfTheCeilingAndAllOfIt() {
        Random random = new Random(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long delay = backoff.delay(3, random).toMillis();
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).isBetween(20_000L, 20_100L);
        assertThat(max).isBetween(39_900L, 40_000L);
    }

    @Test
    void bothEndsOfTheJitterRangeAreReached() {
        Backoff tiny = new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1));
        java.util.Set<Long> seen = new java.util.TreeSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            seen.add(tiny.delay(1, random).toMillis());
        }
        assertThat(seen).containsExactly(0L, 1L);
    }

    @Test
    void aZeroBaseHasNoDelay() {
        assertThat(new Backoff(Duration.ZERO, Duration.ofSeconds(1)).delay(3, new Random(1)))
                .isZero();
    }
}
