#set( $table = "${pluginId}_views" )
#set( $table = $table.replace('-', '_') )
package ${package};

import com.mirogateway.platform.api.Store;

/** The view counts in the plugin's own table; the same SQL runs on SQLite and PostgreSQL. */
final class Views {
    private final Store store;

    Views(Store store) {
        this.store = store;
    }

    long count(String itemId) {
        return store.db()
                .execute()
                .get("SELECT views FROM ${table} WHERE item_id = ?", itemId)
                .map(row -> ((Number) row.column("views").asOptional().orElse(0L)).longValue())
                .orElse(0L);
    }

    void add(String itemId) {
        store.db()
                .execute()
                .dml(
                        "INSERT INTO ${table} (item_id, views) VALUES (?, 1)"
                                + " ON CONFLICT (item_id) DO UPDATE SET views = ${table}.views + 1",
                        itemId);
    }
}
