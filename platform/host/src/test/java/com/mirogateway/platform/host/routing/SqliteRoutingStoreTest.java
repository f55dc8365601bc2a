package com.mirogateway.platform.host.routing;

import com.mirogateway.platform.host.store.Databases;

class SqliteRoutingStoreTest extends RoutingStoreContractTest {
    @Override
    Databases.TestDatabase createDatabase() {
        return Databases.sqlite();
    }
}
