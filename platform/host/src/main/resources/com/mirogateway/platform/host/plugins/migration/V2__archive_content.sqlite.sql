-- Uploaded plugin archives (owner host-plugin-archives), version 2: the archive's bytes live in the row, so every
-- gateway sharing the database loads the same archive from it. Rows of version 1 (files under
-- data/plugin-archives/<plugin_id>/<file_name>) are filled from their files once, at the next start; file_name is now
-- only a name for the local copy (its extension tells a jar from a zip).
ALTER TABLE gateway_plugin_archives ADD COLUMN content BLOB;
