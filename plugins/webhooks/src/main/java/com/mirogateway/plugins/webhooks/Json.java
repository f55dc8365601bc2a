package com.mirogateway.plugins.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.api.MiroResponse;
import com.mirogateway.platform.api.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** The plugin's JSON: one mapper, responses, and Miro's answers read as trees. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Sends a value as a JSON body. */
    static void send(ServerResponse res, Object value) {
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json"));
        res.send(bytes(value));
    }

    /** A value (maps, lists, strings, numbers) as JSON text. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    /** Miro's answer as a tree; an answer that is not JSON is a 502 problem. */
    static JsonNode fromMiro(MiroResponse response) {
        try {
            return MAPPER.readTree(response.text());
        } catch (JsonProcessingException e) {
            throw new ProblemException(Status.BAD_GATEWAY_502, "miro-bad-response", "Miro's answer was not JSON", e);
        }
    }

    private static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }
}
