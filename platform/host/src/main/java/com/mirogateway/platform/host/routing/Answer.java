package com.mirogateway.platform.host.routing;

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
 * @param body the body bytes captured (at most {@code routing.shadow.max-body-size})
 * @param truncated whether the body was longer than what was captured
 * @param nanos how long the handler took
 * @param error for the second run only: why it produced no proper answer (an exception, or a timeout)
 */
@SuppressWarnings("ArrayRecordComponent") // the body is never changed after capture
record Answer(
        int status, Map<String, String> headers, byte[] body, boolean truncated, long nanos, Optional<String> error) {

    Answer {
        headers = Map.copyOf(headers);
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

    /** The content type, lower case, if the answer has one among its compared headers or is known to be JSON. */
    Optional<String> contentType() {
        return Optional.ofNullable(headers.get("content-type"));
    }
}
