package com.mirogateway.plugins.boardsync;

import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Item lists of synced boards, answered from the replica without calling Miro: Miro's cursor envelope ({@code data},
 * {@code total}, {@code size}, {@code cursor}, {@code limit}, {@code links}) with cursors the gateway issues, served
 * as {@code HIT} with {@code Age} counted from the replica's last sync or change.
 *
 * <p>Rendered pages are held in the memory layer under the board, so every change through this instance (which drops
 * the board's memory) shows at once; a board without a replica is remembered the same way, so lists of boards never
 * synced cost no extra database read on a memory hit. Called on request threads. Thread-safe.
 */
final class ReplicaReads {
    private static final byte[] NO_REPLICA = new byte[0];

    private final ReplicaStore store;
    private final MemoryCache memory;
    private final Clock clock;

    ReplicaReads(ReplicaStore store, MemoryCache memory, Clock clock) {
        this.store = store;
        this.memory = memory;
        this.clock = clock;
    }

    /**
     * A page of a synced board's items.
     *
     * @param boardId the board
     * @param query the normalised list query
     * @param path the request's raw path, for {@code links}
     * @return the page, or empty if the board has no completed replica or the cursor is not one the replica issued
     */
    Optional<Cached> items(String boardId, ListQuery query, String path) {
        Optional<String> cursorText = Optional.ofNullable(query.params().get("cursor"));
        Optional<ReplicaCursor> after =
                cursorText.isPresent() ? ReplicaCursor.decode(cursorText.get()) : Optional.of(ReplicaCursor.START);
        if (after.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        CacheKey none = new CacheKey.Page("replica-none:" + boardId, Optional.of(boardId), false);
        if (memory.get(none, now).isPresent()) {
            return Optional.empty();
        }
        CacheKey key =
                new CacheKey.Page("replica:" + boardId + "?" + query.key() + "@" + path, Optional.of(boardId), false);
        Optional<CacheEntry> held = memory.get(key, now);
        if (held.isPresent()) {
            return Optional.of(Cached.of(held.get(), Cached.Outcome.HIT, now));
        }
        int limit = Integer.parseInt(query.params().get("limit"));
        Optional<ReplicaStore.Snapshot> snapshot = store.page(
                boardId,
                Optional.ofNullable(query.params().get("type")),
                Optional.ofNullable(query.params().get("parent_item_id")),
                after.get(),
                limit + 1);
        if (snapshot.isEmpty()) {
            memory.put(none, new CacheEntry(NO_REPLICA, now, false), now);
            return Optional.empty();
        }
        CacheEntry entry = new CacheEntry(
                render(snapshot.get(), query, limit, path).getBytes(StandardCharsets.UTF_8),
                snapshot.get().changedAt(),
                false);
        memory.put(key, entry, now);
        return Optional.of(Cached.of(entry, Cached.Outcome.HIT, now));
    }

    private static String render(ReplicaStore.Snapshot snapshot, ListQuery query, int limit, String path) {
        List<ReplicaStore.Row> rows = snapshot.rows();
        List<ReplicaStore.Row> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        Optional<String> next = rows.size() > limit
                ? Optional.of(new ReplicaCursor(
                                page.getLast().ordinal(), page.getLast().itemId())
                        .encode())
                : Optional.empty();
        StringBuilder json = new StringBuilder(256 + page.size() * 512).append("{\"data\":[");
        for (int i = 0; i < page.size(); i++) {
            json.append(i == 0 ? "" : ",").append(page.get(i).body());
        }
        json.append("],\"total\":")
                .append(snapshot.total())
                .append(",\"size\":")
                .append(page.size());
        next.ifPresent(c -> json.append(",\"cursor\":\"").append(c).append('"'));
        json.append(",\"limit\":").append(limit).append(",\"links\":{\"self\":");
        json.append(quote(
                link(path, query.params(), Optional.ofNullable(query.params().get("cursor")))));
        next.ifPresent(c -> json.append(",\"next\":").append(quote(link(path, query.params(), Optional.of(c)))));
        return json.append("}}").toString();
    }

    /** The list's path with its normalised query and the given cursor. */
    private static String link(String path, Map<String, String> params, Optional<String> cursor) {
        Map<String, String> query = new TreeMap<>(params);
        query.remove("cursor");
        cursor.ifPresent(c -> query.put("cursor", c));
        StringBuilder link = new StringBuilder(path);
        query.forEach((name, value) -> link.append(link.length() == path.length() ? '?' : '&')
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return link.toString();
    }

    private static String quote(String text) {
        return TextNode.valueOf(text).toString();
    }
}
