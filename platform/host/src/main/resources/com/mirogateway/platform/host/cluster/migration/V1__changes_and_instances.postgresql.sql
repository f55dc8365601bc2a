-- The cluster channel (owner host-cluster), version 1. Times are epoch milliseconds of the database clock.
-- Changes one instance made that the others must apply (route modes, cache invalidations, plugin messages); the
-- source of truth behind LISTEN/NOTIFY. Each instance applies the rows above the last id it applied; old rows are
-- pruned after cluster.keep-changes.
CREATE TABLE gateway_changes (
    id BIGSERIAL PRIMARY KEY,
    kind VARCHAR(200) NOT NULL,
    origin VARCHAR(64) NOT NULL,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX gateway_changes_created_at ON gateway_changes (created_at);

-- Membership: one row per running instance, its heartbeat every cluster.heartbeat-interval.
CREATE TABLE gateway_instances (
    id VARCHAR(64) PRIMARY KEY,
    host VARCHAR(255) NOT NULL,
    version VARCHAR(64) NOT NULL,
    started_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
);
