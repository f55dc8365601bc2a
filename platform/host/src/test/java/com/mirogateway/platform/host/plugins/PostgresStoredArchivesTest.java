package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.host.store.Databases;

class PostgresStoredArchivesTest extends StoredArchivesContractTest {
    @Override
    Databases.TestDatabase createDatabase() {
        return Databases.postgres();
    }
}
