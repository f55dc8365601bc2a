-- The Miro client (owner host-miro), version 2: one rate budget for every gateway sharing the database (PostgreSQL),
-- a single row taken from with one UPDATE per call. granted records whether the last take was allowed (read back by
-- RETURNING). Times are epoch milliseconds of the database clock.
CREATE TABLE gateway_miro_budget (
    id INTEGER PRIMARY KEY,
    credit_limit BIGINT NOT NULL,
    remaining BIGINT NOT NULL,
    reset_at BIGINT NOT NULL,
    granted INTEGER NOT NULL
);
