package com.mirogateway.plugins.boardsync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mirogateway.platform.api.JobRequest;
import com.mirogateway.platform.api.Jobs;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Enqueues board syncs idempotently per board: a request while the board's sync is queued or running returns that
 * sync's job. The idempotency key is {@code board-sync:<boardId>:<generation>}; a sync that ends moves the board's
 * generation on, so the next request gets a new job. A job requested longer ago than {@code sync.stuck-after} no longer
 * absorbs requests (its worker may have died on its last attempt, leaving the generation behind). Thread-safe.
 */
final class SyncRequests {
    private final Jobs jobs;
    private final SyncState state;
    private final BoardSyncConfig.Sync config;
    private final Clock clock;

    SyncRequests(Jobs jobs, SyncState state, BoardSyncConfig.Sync config, Clock clock) {
        this.jobs = jobs;
        this.state = state;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Requests a sync of a board.
     *
     * @param boardId the board
     * @param runAt when the sync should start at the earliest; empty for now
     * @return the id of the new job, or of the board's queued or running one
     */
    String request(String boardId, Optional<Instant> runAt) {
        SyncState.Board board = state.get(boardId);
        if (board.requestedAt()
                .filter(at -> clock.millis() - at > config.stuckAfter().toMillis())
                .isPresent()) {
            state.endGeneration(boardId, board.generation());
            board = state.get(boardId);
        }
        int generation = board.generation();
        JobRequest.Builder job = JobRequest.builder(BoardSync.TYPE, payload(boardId, generation))
                .idempotencyKey("board-sync:" + boardId + ":" + generation);
        runAt.ifPresent(job::runAt);
        String jobId = jobs.enqueue(job.build());
        if (!board.jobId().equals(Optional.of(jobId))) {
            state.recordRequest(boardId, generation, jobId);
        }
        return jobId;
    }

    static String payload(String boardId, int generation) {
        ObjectNode json = MiroJson.MAPPER.createObjectNode();
        json.put("boardId", boardId);
        json.put("generation", generation);
        return MiroJson.write(json);
    }
}
