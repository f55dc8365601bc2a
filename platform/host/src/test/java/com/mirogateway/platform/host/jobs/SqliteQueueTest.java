package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.host.store.Databases;

class SqliteQueueTest extends QueueContractTest {
    @Override
    Databases.TestDatabase createDatabase() {
        return Databases.sqlite();
    }
}
