package com.mirogateway.platform.host.miro;

import com.mirogateway.platform.api.MiroResponse;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an answer's {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
final class RetryAfter {
    private RetryAfter() {}

    /**
     * When the answer asks to be called again.
     *
     * @param response Miro's answer
     * @param now the current time
     * @param atMost the longest delay believed; a later time is cut to {@code now + atMost}
     * @return the time, never before {@code now}; empty if the header is absent or unreadable
     */
    static Optional<Instant> of(MiroResponse response, Instant now, Duration atMost) {
        return response.header("Retry-After")
                .map(String::strip)
                .flatMap(value -> parse(value, now))
                .map(at -> at.isAfter(now.plus(atMost)) ? now.plus(atMost) : at);
    }

    static Optional<Instant> parse(String value, Instant now) {
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(now.plusSeconds(Long.parseLong(value)));
            } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Optional.of(at.isBefore(now) ? now : at);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
