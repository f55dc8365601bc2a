package com.mirogateway.plugins.boardsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.plugins.boardsync.Freshness.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 5861's windows, measured from when Miro sent the copy: fresh 60 s, then SWR 10 min, SIE 24 h. */
class FreshnessTest {
    private final Freshness freshness =
            new Freshness(Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofHours(24));

    @Test
    void aCopyIsFreshThenRevalidatedThenAStandInOnErrorThenExpired() {
        assertThat(freshness.classify(0, false)).isEqualTo(State.FRESH);
        assertThat(freshness.classify(59_999, false)).isEqualTo(State.FRESH);
        assertThat(freshness.classify(60_000, false)).isEqualTo(State.REVALIDATE);
        assertThat(freshness.classify(659_999, false)).isEqualTo(State.REVALIDATE);
        assertThat(freshness.classify(660_000, false)).isEqualTo(State.ERROR_ONLY);
        assertThat(freshness.classify(86_459_999, false)).isEqualTo(State.ERROR_ONLY);
        assertThat(freshness.classify(86_460_000, false)).isEqualTo(State.EXPIRED);
    }

    @Test
    void anInvalidatedCopyIsNeverServedBeforeAskingMiro() {
        assertThat(freshness.classify(0, true)).isEqualTo(State.ERROR_ONLY);
        assertThat(freshness.classify(60_000, true)).isEqualTo(State.ERROR_ONLY);
        assertThat(freshness.classify(86_460_000, true)).isEqualTo(State.EXPIRED);
    }

    @Test
    void aCopyFromTheFutureCountsAsNew() {
        assertThat(freshness.classify(-5_000, false)).isEqualTo(State.FRESH);
    }

    @Test
    void withoutStaleWindowsACopyIsFreshOrExpired() {
        Freshness strict = new Freshness(Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO);
        assertThat(strict.classify(999, false)).isEqualTo(State.FRESH);
        assertThat(strict.classify(1_000, false)).isEqualTo(State.EXPIRED);
    }
}
