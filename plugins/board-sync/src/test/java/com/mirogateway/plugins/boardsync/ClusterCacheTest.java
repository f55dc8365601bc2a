package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestPostgres;
import com.mirogateway.plugins.boardsync.testplugins.CacheEventsPlugin;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three gateways with board-sync on one PostgreSQL database: a purge or a webhook event applied through one reaches the
 * others' memory layer within 2 s (their memory TTL is an hour, their copies fresh for an hour), and misses spread
 * over the three spend one Miro budget between them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCacheTest {
    /** 40 board reads of 50 credits each. */
    private static final int BUDGET_CALLS = 40;

    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    private static TestPostgres database;
    private static final List<TestGateway> gateways = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        database = TestPostgres.create();
        for (int i = 0; i < 3; i++) {
            gateways.add(TestGateway.builder()
                    .reactorPlugin(Path.of("."))
                    .plugin(PluginJar.of("cache-events").classes(CacheEventsPlugin.class))
                    .config("store.url", database.url())
                    .config("store.username", "postgres")
                    .config("store.pool-size", "4")
                    .config("miro.base-url", miro.baseUrl())
                    .config("miro.rate-limit.credits-per-minute", Integer.toString(BUDGET_CALLS * 50))
                    .config("miro.rate-limit.max-wait", "PT0S")
                    .config("plugins.board-sync.fresh-for", "PT1H")
                    .config("plugins.board-sync.memory-cache.ttl", "PT1H")
                    .config("plugins.board-sync.resync.enabled", "false")
                    .build()
                    .start());
        }
    }

    @AfterAll
    static void stopCluster() {
        gateways.forEach(TestGateway::close);
        database.close();
    }

    /** When the shared budget's current window ends (epoch ms of the database clock). */
    private static long windowResetAt() throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT reset_at FROM gateway_miro_budget")) {
            assertThat(row.next()).as("the shared budget row").isTrue();
            return row.getLong(1);
        }
    }

    @Test
    @Order(1)
    void purgeOnOneGatewayMakesTheOthersMissOnTheirNextRead() {
        String board = "uXjVpurged=";
        miro.board(board, "Before the purge");
        for (TestGateway gateway : gateways) {
            assertThat(Http.get(gateway.uri("/api/boards/uXjVpurged%3D")).statusCode())
                    .isEqualTo(200);
            assertThat(Http.get(gateway.uri("/api/boards/uXjVpurged%3D"))
                            .headers()
                            .firstValue("X-Cache"))
                    .contains("HIT");
        }
        miro.board(board, "After the purge");

        HttpResponse<String> purged =
                Http.method(gateways.get(0).uri("/admin/cache/boards/uXjVpurged%3D"), "DELETE", null);
        assertThat(purged.statusCode()).isLessThan(300);

        for (TestGateway gateway : gateways.subList(1, 3)) {
            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> Http.json(Http.get(gateway.uri("/admin/cache")))
                                    .path("memoryEntries")
                                    .asInt()
                            == 0);
        }
        HttpResponse<String> next = Http.get(gateways.get(1).uri("/api/boards/uXjVpurged%3D"));
        assertThat(next.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(Http.json(next).path("name").asText()).isEqualTo("After the purge");
    }

    @Test
    @Order(2)
    void webhookEventAppliedOnOneGatewayIsServedByTheOthersWithinTwoSeconds() {
        String board = "uXjVhooked=";
        long id = 3458764517517899999L;
        String itemPath = "/api/boards/uXjVhooked%3D/items/" + id;
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath(board) + "/items/" + id))
                .willReturn(MiroStub.json(MiroStub.itemJson(board, id, "card", "Before the event"))));
        for (TestGateway gateway : gateways) {
            Http.get(gateway.uri(itemPath));
            assertThat(Http.get(gateway.uri(itemPath)).headers().firstValue("X-Cache"))
                    .contains("HIT");
        }

        HttpResponse<String> event = Http.post(
                gateways.get(0).uri("/api/test-events/uXjVhooked%3D/items"),
                MiroStub.itemJson(board, id, "card", "From a webhook"));
        assertThat(event.statusCode()).isEqualTo(204);

        for (TestGateway gateway : gateways.subList(1, 3)) {
            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> Http.json(Http.get(gateway.uri(itemPath)))
                            .path("data")
                            .path("content")
                            .asText()
                            .equals("From a webhook"));
        }
    }

    @Test
    @Order(3) // last: it spends the window's budget
    void missesSpreadOverThreeGatewaysSpendOneBudget() throws SQLException {
        miro.stub(get(urlPathMatching("/v2/boards/uXjVbudget[0-9]+%3D"))
                .willReturn(MiroStub.json(MiroStub.boardJson("uXjVbudget0=", "Budget"))));
        int before = miro.count(anyRequestedFor(urlPathMatching("/v2/boards/uXjVbudget[0-9]+%3D")));
        long windowBefore = windowResetAt();
        int served = 0;
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> response = Http.get(gateways.get(i % 3).uri("/api/boards/uXjVbudget" + i + "%3D"));
            if (response.statusCode() == 200) {
                served++;
            } else {
                assertThat(response.statusCode()).isEqualTo(503);
            }
        }
        int calls = miro.count(anyRequestedFor(urlPathMatching("/v2/boards/uXjVbudget[0-9]+%3D"))) - before;
        // a window that ended during the loop refilled the budget once (the loop takes seconds, a window one minute)
        int windows = windowResetAt() == windowBefore ? 1 : 2;
        assertThat(calls)
                .as("Miro calls of the three gateways together, over " + windows + " window(s)")
                .isLessThanOrEqualTo(BUDGET_CALLS * windows);
        assertThat(served).isEqualTo(calls).isPositive();
    }
}
