package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.plugins.BoardsPlugin;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RouteTakeoverTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("boards").classes(BoardsPlugin.class))
            .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
            .build();

    @Test
    void pluginServesItsClaimAndTheFallbackServesEverythingElse() {
        HttpResponse<String> claimed = Http.get(gateway.uri("/api/boards/uXjVO%3D?x=1"));
        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(Json.parse(claimed.body()).path("boardId").asText()).isEqualTo("uXjVO=");
        assertThat(Json.parse(claimed.body()).path("tccl").asText())
                .as("handler runs with the plugin's class loader as TCCL")
                .isEqualTo("true");

        assertThat(Http.get(gateway.uri("/api/boards/uXjVO%3D/items")).body())
                .isEqualTo("legacy GET /api/boards/uXjVO%3D/items");
        assertThat(Http.post(gateway.uri("/api/boards/b1")).body())
                .as("a method the plugin did not claim goes to the fallback")
                .isEqualTo("legacy POST /api/boards/b1");
    }

    @Test
    void disablingAndEnablingSwitchesTheRouteWithoutFailingAConcurrentClient() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        Future<?>[] loops = new Future<?>[4];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = clients.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> response = Http.get(gateway.uri("/api/boards/b1"));
                    if (response.statusCode() != 200) {
                        failures.incrementAndGet();
                    }
                    String side = response.body().startsWith("legacy") ? "legacy" : "plugin";
                    servedBy.computeIfAbsent(side, k -> new AtomicInteger()).incrementAndGet();
                }
            });
        }
        try {
            for (int round = 0; round < 5; round++) {
                assertThat(Http.post(gateway.uri("/admin/plugins/boards/disable"))
                                .statusCode())
                        .isEqualTo(200);
                assertThat(Http.get(gateway.uri("/api/boards/b1")).body()).isEqualTo("legacy GET /api/boards/b1");
                assertThat(Http.post(gateway.uri("/admin/plugins/boards/enable"))
                                .statusCode())
                        .isEqualTo(200);
                assertThat(Http.get(gateway.uri("/api/boards/b1")).body()).contains("\"servedBy\":\"plugin\"");
            }
        } finally {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get();
            }
            clients.shutdown();
        }
        assertThat(failures.get()).isZero();
        assertThat(servedBy).containsKeys("legacy", "plugin");
    }

    @Test
    void adminListsPluginsAndTheLiveRouteTable() {
        HttpResponse<String> plugins = Http.get(gateway.uri("/admin/plugins"));
        assertThat(plugins.statusCode()).isEqualTo(200);
        var boards = Json.plugin(plugins.body(), "boards");
        assertThat(boards.path("version").asText()).isEqualTo("1.0.0");
        assertThat(boards.path("state").asText()).isEqualTo("STARTED");
        assertThat(boards.path("routes").toString()).contains("GET /api/boards/{boardId}");

        HttpResponse<String> routes = Http.get(gateway.uri("/admin/routes"));
        assertThat(Json.parse(routes.body()).toString())
                .contains("{\"method\":\"GET\",\"path\":\"/api/boards/{boardId}\",\"plugin\":\"boards\","
                        + "\"id\":\"GET:/api/boards/{boardId}\",\"public\":false,\"mode\":\"plugin\"")
                .contains("{\"method\":\"*\",\"path\":\"/api/**\",\"plugin\":\"fake-legacy\",\"id\":\"*:/api/**\"");
    }

    @Test
    void unknownPluginIsANotFoundProblem() {
        HttpResponse<String> response = Http.post(gateway.uri("/admin/plugins/nope/disable"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Json.parse(response.body()).path("detail").asText()).contains("nope");
    }
}
