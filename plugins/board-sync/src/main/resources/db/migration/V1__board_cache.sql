-- board-sync's cache: Miro's JSON as Miro sent it, plus the columns needed to find and expire it. Times are epoch
-- milliseconds; 'stale' = 1 marks a copy that must be revalidated before it is served fresh again (kept for
-- stale-if-error).
CREATE TABLE board_sync_boards (
    board_id VARCHAR(64) PRIMARY KEY,
    body TEXT NOT NULL,
    modified_at VARCHAR(40),
    fetched_at BIGINT NOT NULL,
    stale INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE board_sync_items (
    board_id VARCHAR(64) NOT NULL,
    item_id VARCHAR(32) NOT NULL,
    type VARCHAR(40) NOT NULL,
    parent_id VARCHAR(32),
    modified_at VARCHAR(40),
    body TEXT NOT NULL,
    fetched_at BIGINT NOT NULL,
    stale INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (board_id, item_id)
);
CREATE INDEX board_sync_items_type ON board_sync_items (board_id, type);
CREATE INDEX board_sync_items_parent ON board_sync_items (board_id, parent_id);
-- A sync removes the items it did not see: those fetched before it started.
CREATE INDEX board_sync_items_fetched ON board_sync_items (board_id, fetched_at);

-- Whole list responses (board lists, item pages), keyed by the normalised query.
CREATE TABLE board_sync_pages (
    cache_key VARCHAR(1500) PRIMARY KEY,
    board_id VARCHAR(64),
    body TEXT NOT NULL,
    fetched_at BIGINT NOT NULL,
    stale INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX board_sync_pages_board ON board_sync_pages (board_id);

-- Per board: the sync generation (part of the sync job's idempotency key), the running sync's progress, the last
-- completed sync and the last client read (for the re-sync schedule).
CREATE TABLE board_sync_state (
    board_id VARCHAR(64) PRIMARY KEY,
    generation INTEGER NOT NULL DEFAULT 0,
    job_id VARCHAR(36),
    requested_at BIGINT,
    sync_generation INTEGER,
    sync_cursor TEXT,
    sync_started_at BIGINT,
    synced_at BIGINT,
    last_read_at BIGINT
);
CREATE INDEX board_sync_state_read ON board_sync_state (last_read_at);
