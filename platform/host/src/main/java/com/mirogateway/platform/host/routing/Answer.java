package com.mirogateway.platform.host.routing;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One side's answer in a comparison, as captured.
 *
 * @param status the status code
 * @param headers the compared headers the answer carried, by lower-case name, values joined with {@code ", "}
 * @param contentType the answer's {@code Content-Type}, compared or not (it decides how bodies are compared)
 * @param body the body bytes captured (at most {@code routing.shadow.max-body-size})
 * @param truncated whether the body was longer than what was captured
 * @param nanos how long the handler took
 * @param error for the second run only: why it produced no proper answer (an exception, or a timeout)
 */
@SuppressWarnings("ArrayRecordComponent") // the body is never changed after capture
record Answer(
        int status,
        Map<String, String> headers,
        Optional<String> contentType,
        byte[] body,
        boolean truncated,
        long nanos,
        Optional<String> error) {

    Answer {
        headers = Map.copyOf(headers);
    }

    /** A response's content type. */
    static Optional<String> contentType(Headers headers) {
        return headers.first(HeaderNames.CONTENT_TYPE);
    }

    /** The compared headers of a response. */
    static Map<String, String> selected(Headers headers, List<String> names) {
        Map<String, String> selected = new LinkedHashMap<>();
        for (String name : names) {
            headers.stream()
                    .filter(h -> h.name().equalsIgnoreCase(name))
                    .findFirst()
                    .ifPresent(h -> selected.put(name, String.join(", ", h.allValues())));
        }
        return selected;
    }
}
