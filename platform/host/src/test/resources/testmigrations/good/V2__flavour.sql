INSERT INTO good_plugin_notes (id, flavour) VALUES (1, 'plain');
