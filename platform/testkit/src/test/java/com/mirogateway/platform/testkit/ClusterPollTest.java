package com.mirogateway.platform.testkit;

import org.junit.jupiter.api.BeforeAll;

/** The cluster contract with {@code cluster.notifications: poll} (PgBouncer in transaction mode). */
class ClusterPollTest extends ClusterContractTest {
    @BeforeAll
    static void start() {
        startCluster("poll");
    }
}
