package com.mirogateway.platform.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses JSON in tests. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }

    /** The plugin entry with this id from a {@code GET /admin/plugins} body. */
    static JsonNode plugin(String adminPluginsBody, String id) {
        for (JsonNode plugin : parse(adminPluginsBody)) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("No plugin " + id + " in " + adminPluginsBody);
    }
}
