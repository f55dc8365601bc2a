package com.mirogateway.plugins.boardsync;

import io.helidon.config.Config;
import java.time.Duration;

/**
 * The plugin's settings, {@code plugins.board-sync.*}; every key is documented with its default in
 * {@code conf/application.yaml}.
 *
 * @param freshFor how long a cached copy is served without asking Miro ({@code X-Cache: HIT})
 * @param staleWhileRevalidate how long after that a copy is still served at once while one background call refreshes
 *     it ({@code X-Cache: STALE})
 * @param staleIfError how long after {@code freshFor} a copy stands in when Miro fails, is rate-limited or its circuit
 *     is open ({@code X-Cache: STALE})
 * @param waitTimeout longest a request waits for another request's call to Miro for the same key (single flight)
 *     before it is served stale, or 504 with nothing cached
 * @param memoryMaxEntries most responses kept in memory in front of the tables (0 turns the memory layer off)
 * @param memoryTtl longest a response stays in memory before the tables are read again (bounds how long another
 *     gateway instance's changes stay unseen)
 * @param sync board sync settings
 * @param resync the schedule re-syncing recently read boards
 * @param events the change feed
 */
record BoardSyncConfig(
        Duration freshFor,
        Duration staleWhileRevalidate,
        Duration staleIfError,
        Duration waitTimeout,
        int memoryMaxEntries,
        Duration memoryTtl,
        Sync sync,
        Resync resync,
        Events events) {

    /**
     * Board syncs ({@code sync.*}).
     *
     * @param pageSize items per Miro page (Miro allows 10-50)
     * @param maxPages most pages one sync reads (guards against a cursor that never ends)
     * @param stuckAfter a sync job requested longer ago than this no longer absorbs new requests (its worker may
     *     have died on its last attempt)
     */
    record Sync(int pageSize, int maxPages, Duration stuckAfter) {}

    /**
     * The re-sync schedule ({@code resync.*}).
     *
     * @param enabled whether recently read boards are re-synced at all
     * @param interval how often the schedule runs; its syncs are spread evenly over one interval
     * @param readWithin boards read by a client within this time are re-synced
     * @param maxBoards most boards re-synced per interval (the oldest syncs first)
     */
    record Resync(boolean enabled, Duration interval, Duration readWithin, int maxBoards) {}

    /**
     * The change feed ({@code events.*}).
     *
     * @param retention how long events are kept; a client asking for older ones gets a {@code reset}
     * @param maxStreams most open event streams per instance (beyond: 503 with {@code Retry-After})
     * @param keepalive how often an idle stream gets a comment line
     * @param pollInterval how often the event table is polled for changes made through other instances
     * @param retryAfter the {@code Retry-After} of a refused stream
     */
    record Events(Duration retention, int maxStreams, Duration keepalive, Duration pollInterval, Duration retryAfter) {}

    /**
     * Reads the section.
     *
     * @param node the {@code plugins.board-sync} node
     * @return the settings
     * @throws IllegalArgumentException naming the key, if a value is invalid
     */
    static BoardSyncConfig from(Config node) {
        Config sync = node.get("sync");
        Config resync = node.get("resync");
        Config memory = node.get("memory-cache");
        Config events = node.get("events");
        int pageSize = number(sync.get("page-size"), 50);
        if (pageSize < 10 || pageSize > 50) {
            throw new IllegalArgumentException(sync.get("page-size").key() + " must be 10-50 (Miro's limits)");
        }
        return new BoardSyncConfig(
                positive(node.get("fresh-for"), Duration.ofSeconds(60)),
                nonNegative(node.get("stale-while-revalidate"), Duration.ofMinutes(10)),
                nonNegative(node.get("stale-if-error"), Duration.ofHours(24)),
                positive(node.get("wait-timeout"), Duration.ofSeconds(5)),
                number(memory.get("max-entries"), 10_000),
                nonNegative(memory.get("ttl"), Duration.ofSeconds(10)),
                new Sync(
                        pageSize,
                        atLeastOne(sync.get("max-pages"), 2_000),
                        positive(sync.get("stuck-after"), Duration.ofHours(6))),
                new Resync(
                        resync.get("enabled").asBoolean().orElse(true),
                        positive(resync.get("interval"), Duration.ofMinutes(15)),
                        positive(resync.get("read-within"), Duration.ofHours(1)),
                        atLeastOne(resync.get("max-boards"), 20)),
                new Events(
                        positive(events.get("retention"), Duration.ofHours(24)),
                        number(events.get("max-streams"), 1_000),
                        positive(events.get("keepalive"), Duration.ofSeconds(15)),
                        positive(events.get("poll-interval"), Duration.ofMillis(500)),
                        positive(events.get("retry-after"), Duration.ofSeconds(5))));
    }

    private static Duration positive(Config node, Duration defaultValue) {
        Duration value = nonNegative(node, defaultValue);
        if (value.isZero()) {
            throw new IllegalArgumentException(node.key() + " must be a positive duration");
        }
        return value;
    }

    private static Duration nonNegative(Config node, Duration defaultValue) {
        Duration value;
        try {
            value = node.as(Duration.class).orElse(defaultValue);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(node.key() + " must be an ISO-8601 duration such as PT60S", e);
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(node.key() + " must not be negative");
        }
        return value;
    }

    private static int atLeastOne(Config node, int defaultValue) {
        int value = number(node, defaultValue);
        if (value < 1) {
            throw new IllegalArgumentException(node.key() + " must be at least 1");
        }
        return value;
    }

    private static int number(Config node, int defaultValue) {
        int value;
        try {
            value = node.asInt().orElse(defaultValue);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(node.key() + " must be a whole number", e);
        }
        if (value < 0) {
            throw new IllegalArgumentException(node.key() + " must not be negative");
        }
        return value;
    }
}
