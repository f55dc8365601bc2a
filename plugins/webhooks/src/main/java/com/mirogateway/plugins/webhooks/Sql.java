package com.mirogateway.plugins.webhooks;

import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.api.StoreException;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.util.Optional;
import java.util.function.Function;

/** Statements outside transactions, and column reads, for the plugin's tables. */
final class Sql {
    private Sql() {}

    /** Runs one statement; a database failure becomes a {@link StoreException} naming the table. */
    static <T> T call(Store store, String table, Function<DbExecute, T> statement) {
        try {
            return statement.apply(store.db().execute());
        } catch (DbClientException e) {
            throw new StoreException(table + ": " + e.getMessage(), e);
        }
    }

    static Optional<Long> optionalNumber(DbRow row, String column) {
        return row.column(column).asOptional().map(value -> ((Number) value).longValue());
    }

    static long number(DbRow row, String column) {
        return optionalNumber(row, column).orElse(0L);
    }

    static String text(DbRow row, String column) {
        return row.column(column).asOptional().map(Object::toString).orElse(null);
    }
}
