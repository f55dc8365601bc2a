package com.mirogateway.platform.host.store;

import com.mirogateway.platform.api.Store;

class PostgresStoreTest extends StoreContractTest {
    @Override
    Databases.TestDatabase createDatabase() {
        return Databases.postgres();
    }

    @Override
    Store.Dialect expectedDialect() {
        return Store.Dialect.POSTGRESQL;
    }
}
