package com.mirogateway.plugins.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.api.PathFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * What Miro POSTs to a callback URL: the {@link Challenge} of a new subscription, or a board {@link Event}. Parsing
 * checks the whole shape, so whatever is stored can be applied.
 */
sealed interface Delivery {
    /** The event types Miro sends. */
    Set<String> EVENT_TYPES = Set.of("create", "update", "delete");

    /**
     * Miro's handshake when a subscription is created: answered with the same challenge.
     *
     * @param challenge the value to echo
     */
    record Challenge(String challenge) implements Delivery {}

    /**
     * One item event of a board.
     *
     * @param eventId Miro's event id, if the delivery had one
     * @param boardId the board
     * @param type {@code create}, {@code update} or {@code delete}
     * @param itemId the item
     * @param modifiedAt the item's {@code modifiedAt}, if given
     * @param itemJson the item as Miro sent it
     */
    record Event(
            Optional<String> eventId,
            String boardId,
            String type,
            String itemId,
            Optional<String> modifiedAt,
            String itemJson)
            implements Delivery {

        /**
         * The key that makes a repeated delivery of this event a no-op: Miro's event id when given, otherwise the
         * board, item, type and {@code modifiedAt} (or, without that either, the whole body).
         *
         * @param body the delivery's body
         * @return a SHA-256 in hex
         */
        String dedupKey(String body) {
            String key = eventId.map(id -> "event\n" + boardId + "\n" + id)
                    .or(() -> modifiedAt.map(at -> "item\n" + boardId + "\n" + itemId + "\n" + type + "\n" + at))
                    .orElse("body\n" + body);
            return sha256(key);
        }
    }

    /**
     * Parses a delivery body.
     *
     * @param body the body
     * @return the challenge or the event
     * @throws IllegalArgumentException saying what is wrong with it (safe to show: no body content)
     */
    static Delivery parse(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The body is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("The body is not a JSON object");
        }
        JsonNode challenge = root.get("challenge");
        if (challenge != null && !root.has("event")) {
            String value = challenge.isTextual() ? challenge.asText() : "";
            if (value.isEmpty() || value.length() > 200) {
                throw new IllegalArgumentException("challenge must be a string of 1-200 characters");
            }
            return new Challenge(value);
        }
        if (!"board_event".equals(root.path("type").asText())) {
            throw new IllegalArgumentException("type must be board_event");
        }
        JsonNode event = root.path("event");
        if (!event.isObject()) {
            throw new IllegalArgumentException("event must be an object");
        }
        String boardId = text(event, "boardId").orElse("");
        if (!PathFormat.BOARD_ID.matches(boardId)) {
            throw new IllegalArgumentException("event.boardId is not " + PathFormat.BOARD_ID.description());
        }
        String type = text(event, "type").orElse("");
        if (!EVENT_TYPES.contains(type)) {
            throw new IllegalArgumentException("event.type must be create, update or delete");
        }
        JsonNode item = event.path("item");
        if (!item.isObject()) {
            throw new IllegalArgumentException("event.item must be an object");
        }
        String itemId = text(item, "id").orElse("");
        if (!PathFormat.ITEM_ID.matches(itemId)) {
            throw new IllegalArgumentException("event.item.id is not " + PathFormat.ITEM_ID.description());
        }
        if (!"delete".equals(type) && text(item, "type").isEmpty()) {
            throw new IllegalArgumentException("event.item.type is missing");
        }
        Optional<String> modifiedAt = text(item, "modifiedAt");
        if (modifiedAt.isPresent()) {
            try {
                OffsetDateTime.parse(modifiedAt.get());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("event.item.modifiedAt is not an ISO-8601 time", e);
            }
        }
        Optional<String> eventId = text(event, "id");
        if (eventId.filter(id -> id.length() > 200).isPresent()) {
            throw new IllegalArgumentException("event.id is longer than 200 characters");
        }
        return new Event(eventId, boardId, type, itemId, modifiedAt, item.toString());
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return Optional.of(value.asText()).filter(s -> !s.isEmpty());
    }

    /**
     * The SHA-256 of a text, in hex.
     *
     * @param text the text
     * @return 64 hex digits
     */
    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
