package com.mirogateway.platform.host.cluster;

/** The cluster facilities cannot start, such as a second gateway on the same SQLite database. */
public final class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
