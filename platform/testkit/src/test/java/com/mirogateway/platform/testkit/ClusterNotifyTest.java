package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster contract with {@code LISTEN/NOTIFY}, plus job wake-ups across gateways and the membership list.
 */
class ClusterNotifyTest extends ClusterContractTest {
    @BeforeAll
    static void start() {
        startCluster("notify");
    }

    @Test
    void jobEnqueuedOnOneGatewayStartsOnAnotherWithinFiftyMillisecondsAtTheMedian() throws SQLException {
        // gateway 0 has no worker: every job starts on another gateway; their poll interval is 1 s
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> enqueued = Http.post(uri(0, "/api/demo/jobs"), "application/json", "{}");
            assertThat(enqueued.statusCode()).as(enqueued.body()).isEqualTo(202);
            String location = enqueued.headers().firstValue("Location").orElseThrow();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> Json.parse(Http.get(uri(0, location)).body())
                            .path("state")
                            .asText()
                            .equals("succeeded"));
        }
        List<Long> delays = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url(), "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT started_at - created_at AS delay FROM gateway_jobs WHERE type = 'demo.work'")) {
            while (rows.next()) {
                delays.add(rows.getLong("delay"));
            }
        }
        Collections.sort(delays);
        long p50 = delays.get(delays.size() / 2);
        System.out.printf(
                "cluster: enqueue-to-start on another gateway p50 %d ms, max %d ms over %d jobs%n",
                p50, delays.get(delays.size() - 1), delays.size());
        assertThat(delays).hasSize(20);
        assertThat(p50).isLessThan(50);
    }

    @Test
    void pluginDisabledOnOneGatewayStopsOnTheOthersWithinTwoSeconds() {
        assertThat(Http.post(uri(0, "/admin/plugins/boards/disable")).statusCode())
                .isEqualTo(200);
        try {
            for (int gateway = 1; gateway < 3; gateway++) {
                int other = gateway;
                await().atMost(Duration.ofSeconds(2))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> Json.plugin(
                                        Http.get(uri(other, "/admin/plugins")).body(), "boards")
                                .path("state")
                                .asText()
                                .equals("DISABLED"));
                assertThat(Http.get(uri(other, "/api/boards/b")).body()).isEqualTo("legacy GET /api/boards/b");
            }
        } finally {
            assertThat(Http.post(uri(0, "/admin/plugins/boards/enable")).statusCode())
                    .isEqualTo(200);
        }
        for (int gateway = 1; gateway < 3; gateway++) {
            int other = gateway;
            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> Json.plugin(
                                    Http.get(uri(other, "/admin/plugins")).body(), "boards")
                            .path("state")
                            .asText()
                            .equals("STARTED"));
        }
    }

    @Test
    void adminClusterListsTheThreeGatewaysUp() {
        HttpResponse<String> listing = Http.get(uri(1, "/admin/cluster"));
        assertThat(listing.statusCode()).isEqualTo(200);
        JsonNode instances = Json.parse(listing.body()).path("instances");
        assertThat(instances).hasSize(3);
        for (JsonNode instance : instances) {
            assertThat(instance.path("state").asText()).isEqualTo("up");
            assertThat(instance.path("id").asText()).isNotBlank();
            assertThat(instance.path("host").asText()).isNotBlank();
            assertThat(instance.path("version").asText())
                    .as("the host's build version, as plugins' requires ranges see it")
                    .isEqualTo("0.1.0");
            assertThat(instance.path("startedAt").asText()).endsWith("Z");
            assertThat(instance.path("heartbeatAt").asText()).endsWith("Z");
        }
    }
}
