package com.mirogateway.platform.host.miro;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.api.MiroResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retry-After in both of its forms, and what is not believed. */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-12-04T16:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private static MiroResponse answer(String retryAfter) {
        return MiroResponse.create(
                503, Map.of("Retry-After", List.of(retryAfter)), "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void secondsAndHttpDatesAreRead() {
        assertThat(RetryAfter.of(answer("120"), NOW, HOUR)).contains(NOW.plusSeconds(120));
        assertThat(RetryAfter.of(answer(" 7 "), NOW, HOUR)).contains(NOW.plusSeconds(7));
        assertThat(RetryAfter.of(answer("Fri, 04 Dec 2026 16:05:00 GMT"), NOW, HOUR))
                .contains(Instant.parse("2026-12-04T16:05:00Z"));
    }

    @Test
    void aTimeInThePastMeansNowAndOneTooFarAheadIsCut() {
        assertThat(RetryAfter.of(answer("Fri, 04 Dec 2026 15:00:00 GMT"), NOW, HOUR))
                .contains(NOW);
        assertThat(RetryAfter.of(answer("86400"), NOW, HOUR)).contains(NOW.plus(HOUR));
        assertThat(RetryAfter.of(answer("99999999999999999999999"), NOW, HOUR)).isEmpty();
    }

    @Test
    void anAbsentOrUnreadableHeaderGivesNoTime() {
        assertThat(RetryAfter.of(MiroResponse.create(503, Map.of(), new byte[0]), NOW, HOUR))
                .isEmpty();
        assertThat(RetryAfter.of(answer("soon"), NOW, HOUR)).isEmpty();
        assertThat(RetryAfter.of(answer("-5"), NOW, HOUR)).isEmpty();
        assertThat(RetryAfter.of(answer(""), NOW, HOUR)).isEmpty();
    }
}
