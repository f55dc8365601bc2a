package com.mirogateway.platform.testkit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gateways as separate processes: a SIGKILL mid-job loses nothing (SQLite, the next process finishes the job), and two
 * processes on one PostgreSQL database share 2,000 jobs, one of them killed halfway, with every job succeeding and no
 * job running twice at once.
 */
class ProcessKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jobOfAKilledGatewayIsFinishedByTheNextOne() throws Exception {
        Path home = ChildGateway.home(Files.createTempDirectory("kill-test-"), "");
        String location;
        long killedPid;
        try (ChildGateway first = ChildGateway.start(home)) {
            location = first.post("/api/demo/jobs", "{\"sleepFirstMs\":600000}")
                    .headers()
                    .firstValue("Location")
                    .orElseThrow();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> state(first, location).equals("running"));
            killedPid = first.pid();
            first.kill();
        }
        try (ChildGateway second = ChildGateway.start(home)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> state(second, location).equals("succeeded"));
            JsonNode job = JSON.readTree(second.get(location).body());
            assertThat(job.path("attempts").asInt()).isEqualTo(2);
            assertThat(job.path("lastError").asText()).contains("lease expired");
            List<Run> runs = runs("jdbc:sqlite:" + home.resolve("data/gateway.db"), "", "");
            assertThat(runs).extracting(Run::pid).containsExactly(killedPid, second.pid());
            assertThat(runs.get(0).finishedAt()).as("killed mid-job").isZero();
        }
    }

    @Test
    void twoGatewaysOnOnePostgresShare2000JobsAndSurviveAKill() throws Exception {
        try (TestPostgres database = TestPostgres.create()) {
            Path home = ChildGateway.home(
                    Files.createTempDirectory("pg-share-test-"),
                    "store:\n  url: " + database.url() + "\n  username: postgres");
            try (ChildGateway a = ChildGateway.start(home);
                    ChildGateway b = ChildGateway.start(home)) {
                assertThat(a.post("/api/demo/jobs?count=2000", "{\"sleepMs\":40}")
                                .statusCode())
                        .isEqualTo(202);
                await().atMost(Duration.ofSeconds(60))
                        .until(() ->
                                count(database.url(), "SELECT COUNT(*) FROM demo_runs WHERE pid = " + a.pid()) >= 200);
                a.kill();
                long killedAt = System.currentTimeMillis();

                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> count(
                                        database.url(),
                                        "SELECT COUNT(*) FROM gateway_jobs WHERE type = 'demo.work'"
                                                + " AND state = 'succeeded'")
                                == 2000);

                List<Run> runs = runs(database.url(), "postgres", "");
                Map<String, List<Run>> byJob = new HashMap<>();
                runs.forEach(run -> byJob.computeIfAbsent(run.jobId(), k -> new ArrayList<>())
                        .add(run));
                assertThat(byJob).hasSize(2000);
                for (List<Run> jobRuns : byJob.values()) {
                    for (int i = 1; i < jobRuns.size(); i++) {
                        Run before = jobRuns.get(i - 1);
                        long beforeEnded = before.finishedAt() == 0 ? killedAt : before.finishedAt();
                        assertThat(jobRuns.get(i).startedAt())
                                .as("job %s ran twice at once: %s", before.jobId(), jobRuns)
                                .isGreaterThanOrEqualTo(beforeEnded);
                        assertThat(before.pid())
                                .as("only the killed gateway's jobs run again")
                                .isEqualTo(a.pid());
                    }
                }
                assertThat(runs).extracting(Run::pid).contains(a.pid(), b.pid());
            }
        }
    }

    /** One row of the demo plugin's {@code demo_runs}. */
    record Run(String jobId, int attempt, long pid, long startedAt, long finishedAt) {}

    private static List<Run> runs(String url, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT job_id, attempt, pid, started_at, finished_at FROM demo_runs"
                                + " ORDER BY job_id, started_at, attempt");
                ResultSet rows = query.executeQuery()) {
            List<Run> runs = new ArrayList<>();
            while (rows.next()) {
                runs.add(new Run(rows.getString(1), rows.getInt(2), rows.getLong(3), rows.getLong(4), rows.getLong(5)));
            }
            return runs;
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String state(ChildGateway gateway, String location) throws Exception {
        return JSON.readTree(gateway.get(location).body()).path("state").asText();
    }
}
