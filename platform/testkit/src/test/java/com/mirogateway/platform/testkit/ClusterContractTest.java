package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.jobs.DemoPlugins;
import com.mirogateway.platform.testkit.plugins.BoardsPlugin;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Three gateways on one fresh PostgreSQL database behave as one: a route mode switched through any of them applies on
 * all within 2 s. Subclasses choose {@code cluster.notifications}; the p50/p99 of the propagation is printed.
 */
abstract class ClusterContractTest {
    static final String ROUTE = "/admin/routes/GET%3A%2Fapi%2Fboards%2F%7BboardId%7D/mode";
    static final int CHANGES = 20;

    static TestPostgres database;
    static final List<TestGateway> gateways = new ArrayList<>();

    /** Starts three gateways with {@code notifications}; the first has no job worker (it only enqueues). */
    static void startCluster(String notifications) {
        database = TestPostgres.create();
        for (int i = 0; i < 3; i++) {
            TestGateway.Builder builder = TestGateway.builder()
                    .plugin(PluginJar.of("boards").classes(BoardsPlugin.class))
                    .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
                    .plugin(DemoPlugins.producer())
                    .config("store.url", database.url())
                    .config("store.username", "postgres")
                    .config("store.pool-size", "4")
                    .config("routing.refresh-interval", "PT1H") // only the channel may carry the changes
                    .config("cluster.notifications", notifications);
            if (i > 0) {
                builder.plugin(DemoPlugins.worker());
            }
            gateways.add(builder.build().start());
        }
    }

    @AfterAll
    static void stopCluster() {
        gateways.forEach(TestGateway::close);
        gateways.clear();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void routeModeSwitchedOnOneGatewayAppliesOnAllWithinTwoSeconds() {
        List<Long> millis = new ArrayList<>();
        for (int change = 0; change < CHANGES; change++) {
            TestGateway origin = gateways.get(change % 3);
            String mode = change % 2 == 0 ? "legacy" : "plugin";
            String expected = mode.equals("legacy") ? "legacy GET /api/boards/b" : "\"servedBy\":\"plugin\"";
            HttpResponse<String> put = Http.send(HttpRequest.newBuilder(origin.uri(ROUTE))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"" + mode + "\"}"))
                    .build());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            long start = System.nanoTime();
            for (TestGateway gateway : gateways) {
                await().atMost(Duration.ofSeconds(2))
                        .pollInterval(Duration.ofMillis(5))
                        .pollDelay(Duration.ZERO)
                        .until(() ->
                                Http.get(gateway.uri("/api/boards/b")).body().contains(expected));
            }
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(millis);
        System.out.printf(
                "cluster %s: route mode applied on all three gateways p50 %d ms, p99 %d ms over %d changes%n",
                getClass().getSimpleName(), millis.get(millis.size() / 2), millis.get(millis.size() - 1), CHANGES);
        assertThat(millis.get(millis.size() - 1)).isLessThanOrEqualTo(2000);
    }

    static URI uri(int gateway, String path) {
        return gateways.get(gateway).uri(path);
    }
}
