package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.api.StoreException;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Per-board sync bookkeeping ({@code board_sync_state}): the generation that makes sync requests idempotent while a
 * sync is queued or running, the running sync's progress (so a sync put off for the rate budget resumes where it
 * stopped), the last completed sync and the last client read. Thread-safe.
 */
final class SyncState {
    /** Reads are recorded at most this often per board: the schedule needs minutes, not every request. */
    private static final Duration READ_RESOLUTION = Duration.ofMinutes(1);

    private final Store store;
    private final Clock clock;
    private final Map<String, Long> readsRecorded = new ConcurrentHashMap<>();

    /**
     * One board's row.
     *
     * @param boardId the board
     * @param generation the current sync generation: the idempotency key of sync requests includes it, and a sync
     *     that ends (succeeds or gives up) moves it on
     * @param jobId the job of the current generation, once requested
     * @param requestedAt when that job was requested
     * @param syncGeneration the generation whose sync is under way, if one started
     * @param cursor the cursor of the next page that sync reads; empty to start (or once done)
     * @param startedAt when that sync started: items fetched before it were not seen by it
     * @param syncedAt when the last sync completed
     */
    record Board(
            String boardId,
            int generation,
            Optional<String> jobId,
            Optional<Long> requestedAt,
            Optional<Integer> syncGeneration,
            Optional<String> cursor,
            Optional<Long> startedAt,
            Optional<Long> syncedAt) {}

    SyncState(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The board's row, created (generation 0) if it has none. */
    Board get(String boardId) {
        call(db -> db.dml(
                "INSERT INTO board_sync_state (board_id, generation) VALUES (?, 0) ON CONFLICT (board_id) DO NOTHING",
                boardId));
        return call(db -> db.get("SELECT * FROM board_sync_state WHERE board_id = ?", boardId))
                .map(SyncState::board)
                .orElseThrow(() -> new StoreException("board_sync_state lost the row of " + boardId, null));
    }

    /** Remembers the job requested for a generation (unless the generation moved on meanwhile). */
    void recordRequest(String boardId, int generation, String jobId) {
        call(db -> db.dml(
                "UPDATE board_sync_state SET job_id = ?, requested_at = ? WHERE board_id = ? AND generation = ?",
                jobId,
                clock.millis(),
                boardId,
                generation));
    }

    /** Ends a generation: the next request enqueues a new job. */
    void endGeneration(String boardId, int generation) {
        call(db -> db.dml(
                "UPDATE board_sync_state SET generation = generation + 1, job_id = NULL, requested_at = NULL,"
                        + " sync_generation = NULL, sync_cursor = NULL, sync_started_at = NULL"
                        + " WHERE board_id = ? AND generation = ?",
                boardId,
                generation));
    }

    /** Starts the sync of a generation from the first page. */
    void startSync(String boardId, int generation, long startedAt) {
        call(db -> db.dml(
                "UPDATE board_sync_state SET sync_generation = ?, sync_started_at = ?, sync_cursor = NULL"
                        + " WHERE board_id = ?",
                generation,
                startedAt,
                boardId));
    }

    /** Records the cursor of the next page to read. */
    void saveCursor(String boardId, Optional<String> cursor) {
        call(db ->
                db.dml("UPDATE board_sync_state SET sync_cursor = ? WHERE board_id = ?", cursor.orElse(null), boardId));
    }

    /** Records a completed sync and ends its generation. */
    void finishSync(String boardId, int generation) {
        store.transaction(tx -> {
            tx.dml("UPDATE board_sync_state SET synced_at = ? WHERE board_id = ?", clock.millis(), boardId);
            tx.dml(
                    "UPDATE board_sync_state SET generation = generation + 1, job_id = NULL, requested_at = NULL,"
                            + " sync_generation = NULL, sync_cursor = NULL, sync_started_at = NULL"
                            + " WHERE board_id = ? AND generation = ?",
                    boardId,
                    generation);
            return null;
        });
    }

    /** Notes that a client read the board (at most once a minute per board reaches the table). */
    void recordRead(String boardId) {
        long now = clock.millis();
        Long last = readsRecorded.get(boardId);
        if (last != null && now - last < READ_RESOLUTION.toMillis()) {
            return;
        }
        readsRecorded.put(boardId, now);
        call(db -> db.dml(
                "INSERT INTO board_sync_state (board_id, generation, last_read_at) VALUES (?, 0, ?)"
                        + " ON CONFLICT (board_id) DO UPDATE SET last_read_at = excluded.last_read_at",
                boardId,
                now));
    }

    /** Boards read since {@code readSince} and not synced since {@code syncedBefore}, least recently synced first. */
    List<String> dueForResync(long readSince, long syncedBefore, int limit) {
        return call(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT board_id FROM board_sync_state WHERE last_read_at >= ?"
                            + " AND (synced_at IS NULL OR synced_at < ?) ORDER BY COALESCE(synced_at, 0), board_id"
                            + " LIMIT ?",
                    readSince,
                    syncedBefore,
                    limit)) {
                return rows.map(row -> CacheStore.text(row, "board_id")).toList();
            }
        });
    }

    /** Forgets a board's bookkeeping (its cache was purged). */
    void forget(String boardId) {
        readsRecorded.remove(boardId);
    }

    private static Board board(DbRow row) {
        return new Board(
                CacheStore.text(row, "board_id"),
                (int) CacheStore.number(row, "generation"),
                Optional.ofNullable(CacheStore.text(row, "job_id")),
                optionalNumber(row, "requested_at"),
                optionalNumber(row, "sync_generation").map(Long::intValue),
                Optional.ofNullable(CacheStore.text(row, "sync_cursor")),
                optionalNumber(row, "sync_started_at"),
                optionalNumber(row, "synced_at"));
    }

    private static Optional<Long> optionalNumber(DbRow row, String column) {
        Object value = row.column(column).asOptional().orElse(null);
        return value == null ? Optional.empty() : Optional.of(((Number) value).longValue());
    }

    private <T> T call(Function<DbExecute, T> statement) {
        try {
            return statement.apply(store.db().execute());
        } catch (DbClientException e) {
            throw new StoreException("board-sync state: " + e.getMessage(), e);
        }
    }
}
