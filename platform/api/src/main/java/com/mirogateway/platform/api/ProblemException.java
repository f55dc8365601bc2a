package com.mirogateway.platform.api;

import io.helidon.http.Status;
import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by a handler to answer with an RFC 9457 problem ({@code application/problem+json}).
 *
 * <p>The host writes the problem with the given status, a stable {@code type} built from {@code slug}, the
 * {@code detail} and the request's correlation id. The detail is shown to clients: never put internals or secrets in
 * it.
 */
public final class ProblemException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Status status;
    /** The problem kind's short stable name; part of the serialized form. */
    private final String slug;

    /** Extra response headers in insertion order; part of the serialized form. */
    private final LinkedHashMap<String, String> headers = new LinkedHashMap<>();

    /**
     * Creates a problem.
     *
     * @param status the HTTP status to answer with
     * @param slug a short stable name of the problem kind, such as {@code upstream-unavailable}
     * @param detail a human-readable explanation safe to show to clients
     */
    public ProblemException(Status status, String slug, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
    }

    /**
     * Creates a problem caused by another exception (kept for the logs, never shown to clients).
     *
     * @param status the HTTP status to answer with
     * @param slug a short stable name of the problem kind
     * @param detail a human-readable explanation safe to show to clients
     * @param cause the underlying failure
     */
    public ProblemException(Status status, String slug, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.slug = slug;
    }

    /**
     * Adds a response header to the problem, such as {@code Retry-After}.
     *
     * @param name the header name
     * @param value the header value
     * @return this exception
     */
    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public Status status() {
        return status;
    }

    /**
     * The problem kind's short stable name.
     *
     * @return the slug
     */
    public String slug() {
        return slug;
    }

    /**
     * Extra response headers.
     *
     * @return the headers, in insertion order
     */
    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
