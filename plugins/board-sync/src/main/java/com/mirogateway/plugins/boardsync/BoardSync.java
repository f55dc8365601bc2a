package com.mirogateway.plugins.boardsync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.api.Job;
import com.mirogateway.platform.api.JobHandler;
import com.mirogateway.platform.api.MiroClient;
import com.mirogateway.platform.api.MiroErrorException;
import com.mirogateway.platform.api.MiroRequest;
import com.mirogateway.platform.api.PathFormat;
import com.mirogateway.platform.api.PermanentJobFailureException;
import com.mirogateway.platform.api.TransientFailure;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;

/**
 * The {@code board-sync.sync-board} job: pulls a whole board into the cache. Reads the board, then its items page by
 * page (cursor paging) as background calls, so it only spends the rate budget above the interactive reserve; upserts
 * each page, and stages it in the board's replica under the sync's generation; then removes the board's items the
 * sync did not see (fetched before it started), makes the staged generation the replica served (one transaction:
 * readers see the old replica or the new one) and records the sync. A sync that stops before the last page drops its
 * staged generation and leaves the replica as it was.
 *
 * <p>While Miro cannot be called (budget spent, circuit open, 503 with {@code Retry-After}) the Miro client's exception
 * escapes as a {@link TransientFailure}: the queue puts the job off until Miro may answer, no attempt is spent, and it
 * resumes at the page it stopped at. A board Miro does not know (404) or may not show (401, 403) ends the job at once
 * ({@link PermanentJobFailureException}); other failures are retried by the queue. Whenever the job ends, the board's
 * sync generation moves on so the next request enqueues a new sync. Runs on a queue worker's thread.
 */
final class BoardSync implements JobHandler {
    /** The job type. */
    static final String TYPE = "board-sync.sync-board";

    private static final System.Logger LOG = System.getLogger(BoardSync.class.getName());

    private final MiroClient miro;
    private final CacheStore store;
    private final ReplicaStore replica;
    private final BoardChanges changes;
    private final ReadThrough cache;
    private final SyncState state;
    private final BoardSyncConfig.Sync config;
    private final Clock clock;

    BoardSync(
            MiroClient miro,
            CacheStore store,
            ReplicaStore replica,
            BoardChanges changes,
            ReadThrough cache,
            SyncState state,
            BoardSyncConfig.Sync config,
            Clock clock) {
        this.miro = miro;
        this.store = store;
        this.replica = replica;
        this.changes = changes;
        this.cache = cache;
        this.state = state;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void run(Job job) {
        JsonNode payload;
        try {
            payload = MiroJson.parse(job.payloadJson());
        } catch (IllegalArgumentException e) {
            throw new PermanentJobFailureException("The job's payload is not JSON", e);
        }
        String boardId = payload.path("boardId").asText("");
        if (!PathFormat.BOARD_ID.matches(boardId)) {
            throw new PermanentJobFailureException("The job's payload names no valid board id", null);
        }
        int generation = payload.path("generation").asInt(0);
        try {
            sync(boardId, generation);
        } catch (MiroErrorException e) {
            state.endGeneration(boardId, generation);
            if (e.status() == 404) {
                store.purgeBoard(boardId);
                cache.forgetBoardInMemory(boardId);
                throw new PermanentJobFailureException("Miro has no board " + boardId + "; its cache was purged", e);
            }
            throw new PermanentJobFailureException(
                    "Miro refused to show board " + boardId + " (" + e.status() + " " + e.code() + ")", e);
        } catch (RuntimeException e) {
            boolean putOff = e instanceof TransientFailure transientFailure
                    && transientFailure.availableAgainAt().isPresent();
            if (!putOff && job.attempt() >= job.maxAttempts()) {
                state.endGeneration(boardId, generation);
            }
            throw e;
        }
    }

    private void sync(String boardId, int generation) {
        SyncState.Board board = state.get(boardId);
        long startedAt;
        Optional<String> cursor;
        if (board.syncGeneration().equals(Optional.of(generation))
                && board.startedAt().isPresent()) {
            startedAt = board.startedAt().get();
            cursor = board.cursor();
            LOG.log(
                    Level.INFO,
                    "Resuming the sync of board {0} at {1}",
                    boardId,
                    cursor.isPresent() ? "a saved" + " cursor" : "the first page");
        } else {
            startedAt = clock.millis();
            cursor = Optional.empty();
            state.startSync(boardId, generation, startedAt);
            replica.startStaging(boardId, generation, startedAt);
        }
        if (cursor.isEmpty()) {
            String json = miro.send(MiroRequest.get("v2", "boards", boardId)
                            .background()
                            .credits(50)
                            .build())
                    .text();
            cache.put(new CacheKey.Board(boardId), json);
        }
        int pages = 0;
        long items = 0;
        boolean complete = false;
        while (pages < config.maxPages()) {
            MiroRequest.Builder request = MiroRequest.get("v2", "boards", boardId, "items")
                    .query("limit", Integer.toString(config.pageSize()))
                    .background()
                    .credits(100);
            cursor.ifPresent(c -> request.query("cursor", c));
            MiroJson.ItemPage page =
                    MiroJson.itemPage(miro.send(request.build()).text());
            store.saveItems(boardId, page.items(), clock.millis());
            replica.stage(boardId, generation, page.items());
            pages++;
            items += page.items().size();
            if (page.cursor().isEmpty() || page.items().isEmpty()) {
                complete = true;
                break;
            }
            if (page.cursor().equals(cursor)) {
                LOG.log(Level.WARNING, "Miro returned the same cursor twice for board {0}; stopping its sync", boardId);
                break;
            }
            cursor = page.cursor();
            state.saveCursor(boardId, cursor);
        }
        long removed = 0;
        if (complete) {
            removed = store.deleteItemsFetchedBefore(boardId, startedAt);
            changes.synced(boardId, generation);
        } else {
            replica.abandonStaging(boardId, generation);
            LOG.log(
                    Level.WARNING,
                    "Sync of board {0} stopped after {1} pages before the last one; items it did not reach are kept",
                    boardId,
                    pages);
        }
        store.invalidatePages(boardId);
        cache.forgetBoardInMemory(boardId);
        state.finishSync(boardId, generation);
        LOG.log(
                Level.INFO,
                "Synced board {0}: {1} items over {2} pages in this run, {3} removed",
                boardId,
                items,
                pages,
                removed);
    }
}
