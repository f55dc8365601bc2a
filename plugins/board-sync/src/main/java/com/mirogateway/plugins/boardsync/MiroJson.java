package com.mirogateway.plugins.boardsync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes the bits of Miro's JSON the cache needs. Thread-safe. */
final class MiroJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private MiroJson() {}

    /**
     * One item's query fields, from Miro's item JSON.
     *
     * @param id the item id
     * @param type the item type, such as {@code sticky_note}
     * @param parentId the parent frame's id, if any
     * @param modifiedAt Miro's {@code modifiedAt}, if any
     * @param json the item as Miro sent it
     */
    record Item(String id, String type, Optional<String> parentId, Optional<String> modifiedAt, String json) {}

    /**
     * A page of items: the items and the cursor of the next page (empty on the last).
     *
     * @param items the page's items
     * @param cursor the next page's cursor
     * @param total Miro's {@code total}
     */
    record ItemPage(List<Item> items, Optional<String> cursor, long total) {}

    /** Miro's ISO-8601 time as epoch milliseconds, for comparisons; {@code null} when absent or not a time. */
    static Long epochMillis(Optional<String> isoTime) {
        try {
            return isoTime.map(t -> OffsetDateTime.parse(t).toInstant().toEpochMilli())
                    .orElse(null);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An item's fields; throws if the JSON has no id or type. */
    static Item item(JsonNode node) {
        String id = text(node, "id").orElseThrow(() -> new IllegalArgumentException("An item needs an id"));
        String type = text(node, "type").orElseThrow(() -> new IllegalArgumentException("An item needs a type"));
        if (!com.mirogateway.platform.api.PathFormat.ITEM_ID.matches(id)) {
            throw new IllegalArgumentException("An item id is 1-32 digits");
        }
        return new Item(id, type, text(node.path("parent"), "id"), text(node, "modifiedAt"), write(node));
    }

    /** A page of items from a {@code GET …/items} answer. */
    static ItemPage itemPage(String json) {
        JsonNode page = parse(json);
        List<Item> items = new ArrayList<>();
        for (JsonNode node : page.path("data")) {
            items.add(item(node));
        }
        return new ItemPage(
                items,
                text(page, "cursor").filter(c -> !c.isEmpty()),
                page.path("total").asLong(0));
    }

    /** The text of a field, if it is present and not null (numbers as their text). */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.isContainerNode()
                ? Optional.empty()
                : Optional.of(value.asText());
    }

    /**
     * Miro's error body, {@code {status, code, message, type: "error"}}.
     *
     * @param status the status
     * @param code Miro's error code, such as {@code notFound}
     * @param message the message
     * @return the JSON bytes
     */
    static byte[] error(int status, String code, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("status", status);
        node.put("code", code);
        node.put("message", message);
        node.put("type", "error");
        return write(node).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
