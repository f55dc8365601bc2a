package com.mirogateway.platform.host.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.api.MiroErrorException;
import com.mirogateway.platform.api.MiroRateLimitedException;
import com.mirogateway.platform.api.MiroResponse;
import com.mirogateway.platform.api.MiroUnavailableException;
import com.mirogateway.platform.api.MiroUnavailableException.Reason;
import com.mirogateway.platform.api.PermanentJobFailureException;
import com.mirogateway.platform.api.RetryLaterException;
import com.mirogateway.platform.host.jobs.RunningJob.Cancel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    void mirosExceptionsWithATimePutTheJobOffWithoutSpendingAnAttempt() {
        Instant back = Instant.parse("2026-12-04T16:00:10Z");
        var circuitOpen = new MiroUnavailableException(Reason.CIRCUIT_OPEN, back, "circuit breaker open", null);
        var retryAfter = new MiroUnavailableException(Reason.SERVER_ERROR, back, "Miro answered 503", null);
        var rateLimited = new MiroRateLimitedException(back, "budget spent");

        for (RuntimeException unavailable : List.of(circuitOpen, retryAfter, rateLimited)) {
            assertThat(Outcome.of(unavailable, null, 3, 3, 0, 2))
                    .as("even on the last attempt: %s", unavailable.getMessage())
                    .isEqualTo(Outcome.SNOOZE);
            assertThat(PutOff.of(unavailable)).contains(new PutOff(back, unavailable.getMessage()));
        }
    }

    @Test
    void aTimeFoundAmongTheCausesAlsoPutsTheJobOff() {
        Instant back = Instant.parse("2026-12-04T16:00:10Z");
        var wrapped = new IllegalStateException(
                "sync failed", new MiroUnavailableException(Reason.CIRCUIT_OPEN, back, "circuit breaker open", null));

        assertThat(Outcome.of(wrapped, null, 1, 3, 0, 2)).isEqualTo(Outcome.SNOOZE);
        assertThat(PutOff.of(wrapped)).contains(new PutOff(back, "circuit breaker open"));
    }

    @Test
    void realFailuresOfMiroSpendAnAttempt() {
        var refused = new MiroUnavailableException(Reason.CONNECTION, null, "connection refused", null);
        var timeout = new MiroUnavailableException(Reason.TIMEOUT, null, "no answer", null);
        var serverError = new MiroUnavailableException(Reason.SERVER_ERROR, null, "Miro answered 500", null);
        var notFound = new MiroErrorException(MiroResponse.create(404, Map.of(), new byte[0]), "notFound", "gone");

        for (RuntimeException failure : List.of(refused, timeout, serverError, notFound, boom)) {
            assertThat(Outcome.of(failure, null, 1, 3, 0, 2))
                    .as(failure.getMessage())
                    .isEqualTo(Outcome.RETRY);
            assertThat(PutOff.of(failure)).isEmpty();
        }
        assertThat(Outcome.of(new UncheckedIOException("io", new IOException("disk")), null, 1, 3, 0, 2))
                .isEqualTo(Outcome.RETRY);
    }

    @Test
    void aPermanentFailureIsBuriedEvenWhenCausedByAnUnavailableMiro() {
        var permanent = new PermanentJobFailureException(
                "gave up",
                new MiroUnavailableException(Reason.CIRCUIT_OPEN, Instant.EPOCH, "circuit breaker open", null));

        assertThat(Outcome.of(permanent, null, 1, 3, 0, 2)).isEqualTo(Outcome.BURY);
        assertThat(PutOff.of(permanent)).isEmpty();
    }

    @Test
    void anUnavailableMiroPastMaxSnoozesCountsAsAFailure() {
        var circuitOpen = new MiroUnavailableException(Reason.CIRCUIT_OPEN, Instant.EPOCH, "open", null);

        assertThat(Outcome.of(circuitOpen, null, 1, 3, 1, 2)).isEqualTo(Outcome.SNOOZE);
        assertThat(Outcome.of(circuitOpen, null, 1, 3, 2, 2)).isEqualTo(Outcome.RETRY);
        assertThat(Outcome.of(circuitOpen, null, 3, 3, 2, 2)).isEqualTo(Outcome.BURY);
        assertThat(Outcome.of(circuitOpen, Cancel.TIMEOUT, 1, 3, 0, 2))
                .as("a timed-out attempt counts")
                .isEqualTo(Outcome.RETRY);
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
