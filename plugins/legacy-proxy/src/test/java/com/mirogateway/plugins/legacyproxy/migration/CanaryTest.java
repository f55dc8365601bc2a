package com.mirogateway.plugins.legacyproxy.migration;

import static com.mirogateway.plugins.legacyproxy.migration.Ops.BOARD_ROUTE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Canary mode: a sticky share of clients (recognised by a header here) gets the plugin; a header forces a side. */
class CanaryTest {
    private static final int CLIENTS = 200;
    private static final int REQUESTS_PER_CLIENT = 10;
    private static final int WORKERS = 20;

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .plugin(PluginJar.of("migrated").classes(MigratedBoardsPlugin.class))
            .legacyStub()
            .config("routing.canary.sticky-key", "header:X-Client-Id")
            .build();

    @BeforeEach
    void stubLegacy() {
        Ops.stubLegacyBoards(gateway.legacy().orElseThrow());
    }

    @AfterEach
    void backToPluginMode() {
        Ops.send(gateway, "DELETE", Ops.routePath(BOARD_ROUTE, "mode"), null);
    }

    private static boolean servedByPlugin(String client, String... headers) {
        List<String> all = new ArrayList<>(List.of("X-Client-Id", client));
        all.addAll(List.of(headers));
        HttpResponse<String> response = Ops.get(gateway, "/api/boards/b1", all.toArray(String[]::new));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().startsWith("{\"tags\"");
    }

    @Test
    void tenPercentOfTwoHundredClientsGetThePluginAndStayThere() throws Exception {
        JsonNode mode = Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"canary\",\"canaryPercent\":10}");
        assertThat(mode.get("canaryPercent").asInt()).isEqualTo(10);

        AtomicInteger toPlugin = new AtomicInteger();
        Map<String, Set<Boolean>> sides = new ConcurrentHashMap<>();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            workers.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                        for (int c = worker; c < CLIENTS; c += WORKERS) {
                            String client = "client-" + c;
                            boolean plugin = servedByPlugin(client);
                            sides.computeIfAbsent(client, k -> ConcurrentHashMap.newKeySet())
                                    .add(plugin);
                            if (plugin) {
                                toPlugin.incrementAndGet();
                            }
                        }
                    }
                } catch (RuntimeException | AssertionError e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(failures).isEmpty();

        int total = CLIENTS * REQUESTS_PER_CLIENT;
        assertThat(toPlugin.get()).isBetween(total * 7 / 100, total * 13 / 100);
        assertThat(sides).hasSize(CLIENTS);
        assertThat(sides.values()).allSatisfy(side -> assertThat(side).hasSize(1));
        JsonNode listed = Ops.json(Ops.get(gateway, "/admin/routes").body());
        assertThat(listed.findValuesAsText("mode")).contains("canary");
    }

    @Test
    void theForcingHeaderPicksEitherSide() {
        Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"canary\",\"canaryPercent\":50}");
        String onPlugin = null;
        String onLegacy = null;
        for (int c = 0; c < 100 && (onPlugin == null || onLegacy == null); c++) {
            String client = "probe-" + c;
            if (servedByPlugin(client)) {
                onPlugin = client;
            } else {
                onLegacy = client;
            }
        }
        assertThat(onPlugin).isNotNull();
        assertThat(onLegacy).isNotNull();

        assertThat(servedByPlugin(onLegacy, "X-Gateway-Route", "plugin")).isTrue();
        assertThat(servedByPlugin(onPlugin, "X-Gateway-Route", "legacy")).isFalse();
        assertThat(servedByPlugin(onPlugin, "X-Gateway-Route", "whatever")).isTrue();
    }

    @Test
    void aZeroShareServesOnlyForcedRequestsAndAFullShareEveryone() {
        Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"canary\",\"canaryPercent\":0}");
        assertThat(servedByPlugin("anyone")).isFalse();
        assertThat(servedByPlugin("anyone", "X-Gateway-Route", "plugin")).isTrue();

        Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"canary\",\"canaryPercent\":100}");
        assertThat(servedByPlugin("anyone")).isTrue();
    }

    @Test
    void withoutTheKeyHeaderTheClientAddressDecides() {
        Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"canary\",\"canaryPercent\":37.5}");
        List<Boolean> sides = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = Ops.get(gateway, "/api/boards/b1");
            sides.add(response.body().startsWith("{\"tags\""));
        }
        assertThat(sides).containsOnly(sides.getFirst());
        assertThat(Ops.json(Ops.get(gateway, Ops.routePath(BOARD_ROUTE, "mode")).body())
                        .get("canaryPercent")
                        .asDouble())
                .isEqualTo(37.5);
    }
}
