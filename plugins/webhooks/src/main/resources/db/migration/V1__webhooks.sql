-- The webhooks plugin's tables. Times are epoch milliseconds.

-- Board subscriptions this gateway created at Miro. Only the SHA-256 of a callback URL's secret is kept.
CREATE TABLE webhooks_subscriptions (
    id VARCHAR(36) PRIMARY KEY,
    miro_id VARCHAR(64) UNIQUE,
    board_id VARCHAR(64) NOT NULL,
    secret_hash CHAR(64) NOT NULL UNIQUE,
    -- pending (Miro not asked yet), then Miro's: enabled, disabled, lost_access
    status VARCHAR(20) NOT NULL,
    created_at BIGINT NOT NULL,
    checked_at BIGINT
);

-- Every event delivery acknowledged, stored in the transaction that enqueues the job applying it. dedup_key makes a
-- repeated delivery of the same event a no-op.
CREATE TABLE webhooks_inbox (
    id VARCHAR(36) PRIMARY KEY,
    dedup_key CHAR(64) NOT NULL UNIQUE,
    subscription_id VARCHAR(36) NOT NULL,
    event_id VARCHAR(200),
    board_id VARCHAR(64) NOT NULL,
    item_id VARCHAR(32) NOT NULL,
    event_type VARCHAR(10) NOT NULL,
    modified_at VARCHAR(40),
    body TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    -- received, waiting (for board-sync), retrying, applied, ignored (older than the cache), dead
    state VARCHAR(10) NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    last_error VARCHAR(500),
    processed_at BIGINT
);
CREATE INDEX webhooks_inbox_received ON webhooks_inbox (received_at);
CREATE INDEX webhooks_inbox_state ON webhooks_inbox (state, received_at);
