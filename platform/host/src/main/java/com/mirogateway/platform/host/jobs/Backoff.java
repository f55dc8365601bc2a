package com.mirogateway.platform.host.jobs;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The delay before the next attempt after {@code n} failed attempts: {@code d = min(cap, base × 2^(n−1))}, then a
 * uniformly random delay in {@code [d/2, d]} ("equal jitter"), so retries after an outage spread out but never come
 * back at once.
 */
record Backoff(Duration base, Duration cap) {

    Duration delay(int failedAttempts, RandomGenerator random) {
        long ceiling = ceiling(failedAttempts).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + (ceiling - half == 0 ? 0 : random.nextLong(ceiling - half + 1)));
    }

    /** The delay before jitter. */
    Duration ceiling(int failedAttempts) {
        int exponent = Math.max(0, Math.min(failedAttempts - 1, 40));
        long millis = base.toMillis();
        for (int i = 0; i < exponent && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }
}
