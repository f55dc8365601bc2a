-- A plugin's first migration.
CREATE TABLE good_plugin_notes (id INTEGER PRIMARY KEY, flavour VARCHAR(20) NOT NULL);
