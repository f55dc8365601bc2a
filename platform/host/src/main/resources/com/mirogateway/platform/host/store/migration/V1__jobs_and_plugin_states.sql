-- The host's schema, version 1: the job queue and the plugin states ops chose. Times are epoch milliseconds of the
-- database clock; job ids are UUIDs as text.
CREATE TABLE gateway_jobs (
    id VARCHAR(36) PRIMARY KEY,
    type VARCHAR(200) NOT NULL,
    payload TEXT NOT NULL,
    state VARCHAR(16) NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    snoozes INTEGER NOT NULL DEFAULT 0,
    run_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT,
    lease_owner VARCHAR(64),
    lease_expires_at BIGINT,
    last_error TEXT,
    idempotency_key VARCHAR(200),
    correlation_id VARCHAR(128)
);
-- Claims: due jobs waiting for a (first or next) attempt, oldest run time first.
CREATE INDEX gateway_jobs_ready ON gateway_jobs (run_at, created_at) WHERE state IN ('queued', 'failed');
-- The reaper and lease renewal: running jobs by lease.
CREATE INDEX gateway_jobs_leases ON gateway_jobs (lease_owner, lease_expires_at) WHERE state = 'running';
-- Idempotent enqueue: one job per key for as long as the job row exists.
CREATE UNIQUE INDEX gateway_jobs_idempotency ON gateway_jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
-- /admin/jobs paging and the per-state gauges.
CREATE INDEX gateway_jobs_by_state ON gateway_jobs (state, type, created_at, id);

CREATE TABLE gateway_plugin_states (
    plugin_id VARCHAR(200) PRIMARY KEY,
    enabled INTEGER NOT NULL,
    updated_at BIGINT NOT NULL
);
