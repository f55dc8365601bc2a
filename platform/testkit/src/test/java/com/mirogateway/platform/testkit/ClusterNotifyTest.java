package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.lifecycle.PickyPlugin;
import com.mirogateway.platform.testkit.lifecycle.Uploads;
import java.net.http.HttpRequest;
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
 * The cluster contract with {@code LISTEN/NOTIFY}, plus job wake-ups across gateways, the membership list, a gateway
 * joining after a plugin upload, and an uploaded version that cannot start on one gateway.
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
    void aGatewayStartedAfterAnUploadRunsTheUploadedVersionFromTheStoreAndFollowsLaterChanges() {
        assertThat(Uploads.put(gateways.get(1), Uploads.ID, Uploads.versioned("3.0.0"))
                        .statusCode())
                .isEqualTo(201);
        try (TestGateway late = member(3).build().start()) { // a fresh home: the store is the only source
            assertThat(Http.get(late.uri("/api/lifecycle/version")).body()).isEqualTo("3.0.0");

            assertThat(Uploads.put(gateways.get(2), Uploads.ID, Uploads.versioned("3.1.0"))
                            .statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(2))
                    .until(() ->
                            Http.get(late.uri("/api/lifecycle/version")).body().equals("3.1.0"));

            assertThat(Uploads.post(late, "/admin/plugins/lifecycle/rollback").statusCode())
                    .isEqualTo(200);
            for (int gateway = 0; gateway < 3; gateway++) {
                assertServes(gateway, "/api/lifecycle/version", "3.0.0");
            }
        } finally {
            assertThat(TestHttp.delete(uri(0, "/admin/plugins/lifecycle")).statusCode())
                    .isEqualTo(204);
        }
        for (int gateway = 0; gateway < 3; gateway++) {
            assertServes(gateway, "/api/lifecycle/version", "legacy GET /api/lifecycle/version");
        }
    }

    @Test
    void anUpgradeMadeWhileTheOthersLostTheirListeningConnectionsReachesThemFromTheChangeTable() throws SQLException {
        String path = "/api/lifecycle/version";
        assertThat(Uploads.put(gateways.get(0), Uploads.ID, Uploads.versioned("5.0.0"))
                        .statusCode())
                .isEqualTo(201);
        try {
            for (int gateway = 0; gateway < 3; gateway++) {
                assertServes(gateway, path, "5.0.0");
            }
            try (Connection connection = DriverManager.getConnection(database.url(), "postgres", "");
                    Statement statement = connection.createStatement();
                    ResultSet killed = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND query LIKE 'LISTEN%'")) {
                int listeners = 0;
                while (killed.next()) {
                    listeners++;
                }
                assertThat(listeners).as("the gateways' LISTEN connections").isEqualTo(3);
            }
            assertThat(Uploads.put(gateways.get(0), Uploads.ID, Uploads.versioned("5.1.0"))
                            .statusCode())
                    .isEqualTo(200);
            for (int gateway = 1; gateway < 3; gateway++) {
                int other = gateway;
                await().atMost(Duration.ofSeconds(5)) // a reconnect (1 s) and its catch-up
                        .until(() -> Http.get(uri(other, path)).body().equals("5.1.0"));
            }
        } finally {
            assertThat(TestHttp.delete(uri(0, "/admin/plugins/lifecycle")).statusCode())
                    .isEqualTo(204);
        }
        for (int gateway = 0; gateway < 3; gateway++) {
            assertServes(gateway, path, "legacy GET /api/lifecycle/version");
        }
    }

    @Test
    void aVersionThatCannotStartOnOneGatewayLeavesItsVersionBeforeServingThereAndSaysWhy() {
        String refused = "this gateway refuses version 2.0.0";
        assertThat(Uploads.put(gateways.get(0), PickyPlugin.ID, Uploads.picky("1.0.0"))
                        .statusCode())
                .isEqualTo(201);
        for (int gateway = 0; gateway < 3; gateway++) {
            assertServes(gateway, "/api/picky/version", "1.0.0");
        }

        List<String> lines = LogLines.during(() -> {
            byte[] jar = Uploads.picky("2.0.0");
            HttpResponse<String> upgrade = TestHttp.send(HttpRequest.newBuilder(uri(0, "/admin/plugins/picky"))
                    .header("Content-Type", "application/java-archive")
                    .header("Content-Digest", Uploads.digest(jar))
                    .header("X-Request-Id", "picky-upgrade-1")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(jar)));
            assertThat(upgrade.statusCode()).as(upgrade.body()).isEqualTo(200);
            assertServes(1, "/api/picky/version", "2.0.0");
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> picky(2).path("failureReason").asText().contains(refused));
        });
        JsonNode picky = picky(2);
        assertThat(picky.path("state").asText()).isEqualTo("STARTED");
        assertThat(picky.path("version").asText()).isEqualTo("1.0.0");
        assertThat(picky.path("failureReason").asText()).contains("2.0.0", "another gateway");
        assertThat(Http.get(uri(2, "/api/picky/version")).body()).isEqualTo("1.0.0");
        assertThat(lines)
                .as("one JSON line of the gateway that refused, with the upgrade's correlation id")
                .filteredOn(line -> line.contains("not applied here"))
                .singleElement()
                .satisfies(line -> {
                    JsonNode json = Json.parse(line);
                    assertThat(json.path("requestId").asText()).isEqualTo("picky-upgrade-1");
                    assertThat(json.path("msg").asText()).contains(refused);
                });

        assertThat(Uploads.post(gateways.get(1), "/admin/plugins/picky/rollback")
                        .statusCode())
                .isEqualTo(200);
        for (int gateway = 0; gateway < 3; gateway++) {
            assertServes(gateway, "/api/picky/version", "1.0.0");
        }
        await().atMost(Duration.ofSeconds(2))
                .until(() -> picky(2).path("failureReason").isNull());

        assertThat(TestHttp.delete(uri(2, "/admin/plugins/picky")).statusCode()).isEqualTo(204);
        for (int gateway = 0; gateway < 3; gateway++) {
            assertServes(gateway, "/api/picky/version", "legacy GET /api/picky/version");
        }
        assertThat(Uploads.put(gateways.get(0), PickyPlugin.ID, Uploads.picky("2.0.0"))
                        .statusCode())
                .as("new to the cluster: installed on the others, failed on gateway 2")
                .isEqualTo(201);
        assertServes(1, "/api/picky/version", "2.0.0");
        await().atMost(Duration.ofSeconds(2))
                .until(() -> picky(2).path("state").asText().equals("FAILED"));
        assertThat(picky(2).path("failureReason").asText()).contains(refused);
        assertThat(TestHttp.delete(uri(0, "/admin/plugins/picky")).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> !Http.get(uri(2, "/admin/plugins")).body().contains("\"id\":\"picky\""));
        for (int gateway = 0; gateway < 3; gateway++) {
            assertServes(gateway, "/api/picky/version", "legacy GET /api/picky/version");
        }
    }

    private static JsonNode picky(int gateway) {
        return Json.plugin(Http.get(uri(gateway, "/admin/plugins")).body(), PickyPlugin.ID);
    }

    private static void assertServes(int gateway, String path, String body) {
        await().atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> Http.get(uri(gateway, path)).body().equals(body));
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
