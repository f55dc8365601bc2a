package com.mirogateway.platform.host.jobs;

import io.helidon.dbclient.DbRow;
import java.time.Instant;
import java.util.Optional;

/** Reads job columns the same way from both drivers (SQLite widens and narrows integers as it likes). */
final class Rows {
    private Rows() {}

    static long number(DbRow row, String column) {
        Object value = row.column(column).asOptional().orElse(null);
        return value == null ? 0 : ((Number) value).longValue();
    }

    static Optional<Long> optionalNumber(DbRow row, String column) {
        Object value = row.column(column).asOptional().orElse(null);
        return value == null ? Optional.empty() : Optional.of(((Number) value).longValue());
    }

    static String text(DbRow row, String column) {
        Object value = row.column(column).asOptional().orElse(null);
        return value == null ? null : value.toString();
    }

    static Optional<String> optionalText(DbRow row, String column) {
        return Optional.ofNullable(text(row, column));
    }

    static Optional<Instant> optionalInstant(DbRow row, String column) {
        return optionalNumber(row, column).map(Instant::ofEpochMilli);
    }
}
