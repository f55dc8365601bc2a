#set( $table = "${pluginId}_views" )
#set( $table = $table.replace('-', '_') )
-- How often each item was viewed (written by the record-view job). Runs once per database, at plugin start.
CREATE TABLE ${table} (
    item_id VARCHAR(64) PRIMARY KEY,
    views BIGINT NOT NULL
);
