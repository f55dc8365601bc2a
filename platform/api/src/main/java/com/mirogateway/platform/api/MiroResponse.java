package com.mirogateway.platform.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Miro's answer to one {@link MiroRequest}: status, headers and the whole body. Immutable.
 */
public final class MiroResponse {
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    private MiroResponse(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Creates a response.
     *
     * @param status the HTTP status
     * @param headers the response headers (names are compared case-insensitively)
     * @param body the body's bytes (copied)
     * @return the response
     */
    public static MiroResponse create(int status, Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        return new MiroResponse(status, Map.copyOf(lower), body.clone());
    }

    /**
     * The HTTP status.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }

    /**
     * All headers, with lower-case names.
     *
     * @return the headers
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, any case
     * @return its first value, if present
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /**
     * The body's bytes.
     *
     * @return a copy of the body
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as UTF-8 text (Miro answers JSON).
     *
     * @return the body text, empty if there is none
     */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MiroResponse[status=" + status + ", " + body.length + " bytes]";
    }
}
