package com.mirogateway.coverage;

import java.io.Serial;

/** The coverage gate cannot pass: a module is below its floor, or the report is missing or unreadable. */
final class CoverageFloorException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    CoverageFloorException(String message) {
        super(message);
    }

    CoverageFloorException(String message, Throwable cause) {
        super(message, cause);
    }
}
