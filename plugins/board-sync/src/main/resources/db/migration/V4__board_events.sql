-- The change feed: per board a sequence of events (item.created, item.updated, item.deleted, board.synced) whose
-- numbers are the server-sent events' ids. 'last_seq' is the board's last number (taken in the transaction that
-- makes the change, so numbers commit in order per board); 'pruned_through' the last number dropped by retention
-- (a client asking from before it gets a reset); 'changed_at' (epoch ms) lets every instance find boards with new
-- events by polling.
CREATE TABLE board_sync_event_heads (
    board_id VARCHAR(64) PRIMARY KEY,
    last_seq BIGINT NOT NULL,
    pruned_through BIGINT NOT NULL DEFAULT 0,
    changed_at BIGINT NOT NULL
);
CREATE INDEX board_sync_event_heads_changed ON board_sync_event_heads (changed_at);

CREATE TABLE board_sync_events (
    board_id VARCHAR(64) NOT NULL,
    seq BIGINT NOT NULL,
    type VARCHAR(20) NOT NULL,
    data TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (board_id, seq)
);
CREATE INDEX board_sync_events_created ON board_sync_events (created_at);
