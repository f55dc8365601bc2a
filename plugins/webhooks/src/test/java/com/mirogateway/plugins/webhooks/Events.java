package com.mirogateway.plugins.webhooks;

/** Miro's webhook delivery bodies, as the tests send them. */
final class Events {
    private Events() {}

    static String item(String boardId, String itemId, String content, String modifiedAt) {
        return "{\"id\":\"" + itemId + "\",\"type\":\"sticky_note\",\"data\":{\"content\":\"" + content + "\"},"
                + "\"position\":{\"x\":0,\"y\":0},\"createdAt\":\"2026-11-01T00:00:00Z\",\"modifiedAt\":\""
                + modifiedAt + "\",\"links\":{\"self\":\"https://api.miro.com/v2/boards/" + boardId.replace("=", "%3D")
                + "/items/" + itemId + "\"}}";
    }

    /** A board event; {@code eventId} may be null (Miro does not always send one). */
    static String event(String eventId, String boardId, String type, String itemJson) {
        return "{\"type\":\"board_event\",\"event\":{" + (eventId == null ? "" : "\"id\":\"" + eventId + "\",")
                + "\"boardId\":\"" + boardId + "\",\"type\":\"" + type + "\",\"item\":" + itemJson + "}}";
    }
}
