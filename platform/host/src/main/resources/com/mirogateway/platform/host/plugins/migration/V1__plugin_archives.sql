-- Uploaded plugin archives (owner host-plugin-archives), version 1. slot is 'current' or 'previous'; file_name is
-- the file under data/plugin-archives/<plugin_id>/. installed_at is epoch milliseconds.
CREATE TABLE gateway_plugin_archives (
    plugin_id VARCHAR(200) NOT NULL,
    slot VARCHAR(16) NOT NULL,
    version VARCHAR(100) NOT NULL,
    digest VARCHAR(100) NOT NULL,
    file_name VARCHAR(300) NOT NULL,
    installed_at BIGINT NOT NULL,
    PRIMARY KEY (plugin_id, slot)
);
