package com.mirogateway.platform.host.store;

import com.mirogateway.platform.api.Store;

class SqliteStoreTest extends StoreContractTest {
    @Override
    Databases.TestDatabase createDatabase() {
        return Databases.sqlite();
    }

    @Override
    Store.Dialect expectedDialect() {
        return Store.Dialect.SQLITE;
    }
}
