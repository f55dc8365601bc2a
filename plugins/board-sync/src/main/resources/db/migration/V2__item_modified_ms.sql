-- Miro's modifiedAt of an item as epoch milliseconds, so that an item event older than the cached copy is ignored in
-- the same statement that would store it (ISO-8601 strings of different precision do not compare as text).
ALTER TABLE board_sync_items ADD COLUMN modified_ms BIGINT;
