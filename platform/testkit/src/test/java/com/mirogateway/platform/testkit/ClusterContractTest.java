package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.jobs.DemoPlugins;
import com.mirogateway.platform.testkit.lifecycle.Uploads;
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
 * Three gateways on one fresh PostgreSQL database behave as one: a route mode switched, or a plugin installed,
 * upgraded, rolled back or removed, through any of them applies on all within 2 s. Subclasses choose
 * {@code cluster.notifications}; the p50/p99 of each propagation is printed.
 */
abstract class ClusterContractTest {
    static final String ROUTE = "/admin/routes/GET%3A%2Fapi%2Fboards%2F%7BboardId%7D/mode";
    static final int CHANGES = 20;

    static TestPostgres database;
    static String notifications;
    static final List<TestGateway> gateways = new ArrayList<>();

    /** Starts three gateways with {@code notifications}; the first has no job worker (it only enqueues). */
    static void startCluster(String notifications) {
        ClusterContractTest.notifications = notifications;
        database = TestPostgres.create();
        for (int i = 0; i < 3; i++) {
            gateways.add(member(i).build().start());
        }
    }

    /**
     * Gateway {@code index} of the cluster (the fourth and later ones join a running cluster): gateway 0 has no job
     * worker, gateway 2 refuses to start the picky plugin's version 2.0.0.
     */
    static TestGateway.Builder member(int index) {
        TestGateway.Builder builder = TestGateway.builder()
                .plugin(PluginJar.of("boards").classes(BoardsPlugin.class))
                .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
                .plugin(DemoPlugins.producer())
                .config("store.url", database.url())
                .config("store.username", "postgres")
                .config("store.pool-size", "4")
                .config("routing.refresh-interval", "PT1H") // only the channel may carry the changes
                .config("cluster.notifications", notifications);
        if (index > 0) {
            builder.plugin(DemoPlugins.worker());
        }
        if (index == 2) {
            builder.config("plugins.picky.refuse-version", "2.0.0");
        }
        return builder;
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

    @Test
    void pluginInstalledUpgradedRolledBackAndRemovedOnOneGatewayAppliesOnAllWithinTwoSeconds() {
        String removed = "legacy GET /api/lifecycle/version";
        long auditedBefore = lifecycleAuditEntries();
        List<Long> millis = new ArrayList<>();
        for (int cycle = 0; cycle < CHANGES / 4; cycle++) {
            String first = "1." + cycle + ".0";
            String second = "2." + cycle + ".0";
            millis.add(appliedOnAll(Uploads.put(gateways.get(0), Uploads.ID, Uploads.versioned(first)), 201, first));
            millis.add(appliedOnAll(Uploads.put(gateways.get(0), Uploads.ID, Uploads.versioned(second)), 200, second));
            millis.add(appliedOnAll(Uploads.post(gateways.get(1), "/admin/plugins/lifecycle/rollback"), 200, first));
            millis.add(appliedOnAll(TestHttp.delete(uri(2, "/admin/plugins/lifecycle")), 204, removed));
        }
        Collections.sort(millis);
        System.out.printf(
                "cluster %s: plugin install/upgrade/rollback/removal applied on all three gateways p50 %d ms, p99 %d ms"
                        + " over %d changes%n",
                getClass().getSimpleName(),
                millis.get(millis.size() / 2),
                millis.get(millis.size() - 1),
                millis.size());
        assertThat(millis.get(millis.size() - 1)).isLessThanOrEqualTo(2000);
        assertThat(lifecycleAuditEntries() - auditedBefore)
                .as("each change audited once, by the gateway that made it, in the shared store")
                .isEqualTo(CHANGES);
    }

    private static long lifecycleAuditEntries() {
        JsonNode audit = Json.parse(Http.get(uri(0, "/admin/audit?limit=1000")).body());
        return audit.findValuesAsText("target").stream()
                .filter(Uploads.ID::equals)
                .count();
    }

    /** Checks the ops answer, then waits until every gateway answers {@code expected}; returns how long that took. */
    private static long appliedOnAll(HttpResponse<String> answer, int status, String expected) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        long start = System.nanoTime();
        for (TestGateway gateway : gateways) {
            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(5))
                    .pollDelay(Duration.ZERO)
                    .until(() -> Http.get(gateway.uri("/api/lifecycle/version"))
                            .body()
                            .equals(expected));
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    static URI uri(int gateway, String path) {
        return gateways.get(gateway).uri(path);
    }
}
