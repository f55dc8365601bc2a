package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.host.store.Databases;

class PostgresQueueTest extends QueueContractTest {
    @Override
    Databases.TestDatabase createDatabase() {
        return Databases.postgres();
    }
}
