package com.mirogateway.platform.host.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.api.PermanentJobFailureException;
import com.mirogateway.platform.api.RetryLaterException;
import com.mirogateway.platform.host.jobs.RunningJob.Cancel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The transitions out of RUNNING, decided without a database. */
class OutcomeTest {
    private final RuntimeException boom = new IllegalStateException("boom");
    private final RetryLaterException later = new RetryLaterException(Instant.EPOCH, "later");
    private final PermanentJobFailureException never = new PermanentJobFailureException("never", null);

    @Test
    void aReturnSucceedsWhateverTheCounters() {
        assertThat(Outcome.of(null, null, 5, 5, 9, 2)).isEqualTo(Outcome.SUCCEED);
    }

    @Test
    void aFailureIsRetriedUntilTheLastAttemptThenBuried() {
        assertThat(Outcome.of(boom, null, 1, 3, 0, 2)).isEqualTo(Outcome.RETRY);
        assertThat(Outcome.of(boom, null, 2, 3, 0, 2)).isEqualTo(Outcome.RETRY);
        assertThat(Outcome.of(boom, null, 3, 3, 0, 2)).isEqualTo(Outcome.BURY);
        assertThat(Outcome.of(boom, null, 4, 3, 0, 2)).isEqualTo(Outcome.BURY);
    }

    @Test
    void aPermanentFailureIsBuriedAtOnce() {
        assertThat(Outcome.of(never, null, 1, 3, 0, 2)).isEqualTo(Outcome.BURY);
    }

    @Test
    void aPutOffSnoozesUntilMaxSnoozesThenCountsAsAFailure() {
        assertThat(Outcome.of(later, null, 1, 3, 0, 2)).isEqualTo(Outcome.SNOOZE);
        assertThat(Outcome.of(later, null, 1, 3, 1, 2)).isEqualTo(Outcome.SNOOZE);
        assertThat(Outcome.of(later, null, 1, 3, 2, 2)).isEqualTo(Outcome.RETRY);
        assertThat(Outcome.of(later, null, 3, 3, 2, 2)).isEqualTo(Outcome.BURY);
    }

    @Test
    void cancellationsDecideBeforeWhatTheHandlerThrew() {
        assertThat(Outcome.of(later, Cancel.LEASE_LOST, 3, 3, 0, 2)).isEqualTo(Outcome.DROP);
        assertThat(Outcome.of(never, Cancel.SHUTDOWN, 3, 3, 0, 2)).isEqualTo(Outcome.RELEASE);
        assertThat(Outcome.of(later, Cancel.TIMEOUT, 1, 3, 0, 2))
                .as("a timed-out attempt counts, even if the interrupted handler asked to be put off")
                .isEqualTo(Outcome.RETRY);
        assertThat(Outcome.of(never, Cancel.TIMEOUT, 1, 3, 0, 2)).isEqualTo(Outcome.RETRY);
        assertThat(Outcome.of(boom, Cancel.TIMEOUT, 3, 3, 0, 2)).isEqualTo(Outcome.BURY);
    }
}
