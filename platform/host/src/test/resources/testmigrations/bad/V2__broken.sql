CREATE TABLE bad_plugin_half (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
