-- The demo plugin's table: one row per attempt a handler started, finished_at set when it returned or threw.
CREATE TABLE demo_runs (
    job_id VARCHAR(36) NOT NULL,
    attempt INTEGER NOT NULL,
    pid BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX demo_runs_job ON demo_runs (job_id);
