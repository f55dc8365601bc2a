-- The local replica of synced boards. A board has a row here once a sync started; 'generation' is the sync
-- generation whose items are served (NULL until a sync completed), 'staging' the one a running sync fills. A sync
-- writes its items under its own generation and switches 'generation' in one transaction at its end, so a reader
-- (one statement) sees the old replica or the new one, never a mix. 'changed_at' (epoch ms) is the last sync or
-- change, for Age.
CREATE TABLE board_sync_replicas (
    board_id VARCHAR(64) PRIMARY KEY,
    generation INTEGER,
    staging INTEGER,
    changed_at BIGINT NOT NULL
);

-- Items of a replica generation, in the order Miro listed them ('ordinal'; items created later come after).
CREATE TABLE board_sync_replica_items (
    board_id VARCHAR(64) NOT NULL,
    generation INTEGER NOT NULL,
    item_id VARCHAR(32) NOT NULL,
    ordinal BIGINT NOT NULL,
    type VARCHAR(40) NOT NULL,
    parent_id VARCHAR(32),
    modified_ms BIGINT,
    body TEXT NOT NULL,
    PRIMARY KEY (board_id, generation, item_id)
);
CREATE INDEX board_sync_replica_items_order ON board_sync_replica_items (board_id, generation, ordinal, item_id);
CREATE INDEX board_sync_replica_items_type ON board_sync_replica_items (board_id, generation, type, ordinal);
CREATE INDEX board_sync_replica_items_parent ON board_sync_replica_items (board_id, generation, parent_id, ordinal);
