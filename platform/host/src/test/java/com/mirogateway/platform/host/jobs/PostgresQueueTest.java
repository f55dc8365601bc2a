package com.mirogateway.platform.host.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.api.JobRequest;
import com.mirogateway.platform.host.store.Databases;
import io.helidon.dbclient.DbRow;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PostgresQueueTest extends QueueContractTest {
    @Override
    Databases.TestDatabase createDatabase() {
        return Databases.postgres();
    }

    /**
     * A burst of jobs that PostgreSQL's statistics have not seen yet would make every claim sort the whole backlog;
     * housekeeping refreshes the statistics, and the claim then walks the ready-jobs index.
     */
    @Test
    void aBurstOfWaitingJobsRefreshesTheStatisticsSoClaimsUseTheReadyIndex() {
        JobQueue queue = queue(STEADY);
        long analyzedBefore = manualAnalyzes();
        for (int i = 0; i < 1_200; i++) {
            queue.enqueue(JobRequest.builder(type, "{}").build());
        }

        queue.housekeepingNow();

        await().atMost(Duration.ofSeconds(10)).until(() -> manualAnalyzes() > analyzedBefore);
        String plan;
        try (Stream<DbRow> rows = store.db()
                .execute()
                .query("EXPLAIN SELECT id FROM gateway_jobs WHERE state IN ('queued', 'failed') AND run_at <= 1"
                        + " AND type IN ('" + type + "') ORDER BY run_at, created_at LIMIT 50")) {
            plan = rows.map(row -> row.column(1).asString().get()).collect(Collectors.joining("\n"));
        }
        assertThat(plan).contains("gateway_jobs_ready").doesNotContain("Sort");
    }

    private long manualAnalyzes() {
        return store.db()
                .execute()
                .get("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'gateway_jobs'")
                .map(row -> row.column(1).as(Number.class).get().longValue())
                .orElse(0L);
    }
}
