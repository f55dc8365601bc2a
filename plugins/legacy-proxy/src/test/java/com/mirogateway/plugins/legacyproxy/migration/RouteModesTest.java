package com.mirogateway.plugins.legacyproxy.migration;

import static com.mirogateway.plugins.legacyproxy.migration.Ops.BOARD_ROUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Route modes set through the ops API: each mode routes as described, applies at once, persists, survives load. */
class RouteModesTest {
    private static final String PLUGIN_BODY_START = "{\"tags\"";
    private static final String LEGACY_BODY_START = "{\"id\"";

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .plugin(PluginJar.of("migrated").classes(MigratedBoardsPlugin.class))
            .legacyStub()
            .config("gateway.drain-timeout", "PT2S")
            .build();

    @BeforeEach
    void stubLegacy() {
        Ops.stubLegacyBoards(gateway.legacy().orElseThrow());
    }

    @AfterEach
    void backToPluginMode() {
        Ops.send(gateway, "DELETE", Ops.routePath(BOARD_ROUTE, "mode"), null);
        Ops.send(gateway, "DELETE", "/admin/plugins/migrated/route-mode", null);
        Ops.send(gateway, "POST", "/admin/plugins/legacy-proxy/enable", null);
    }

    private static String body(String path, String... headers) {
        HttpResponse<String> response = Ops.get(gateway, path, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void routeListShowsIdModeShareAndMatchRateOfEveryRoute() {
        JsonNode routes = Ops.json(Ops.get(gateway, "/admin/routes").body());

        JsonNode board = find(routes, BOARD_ROUTE);
        assertThat(board.get("method").asText()).isEqualTo("GET");
        assertThat(board.get("path").asText()).isEqualTo("/api/boards/{boardId}");
        assertThat(board.get("plugin").asText()).isEqualTo("migrated");
        assertThat(board.get("mode").asText()).isEqualTo("plugin");
        assertThat(board.get("modeSource").asText()).isEqualTo("default");
        assertThat(board.get("canaryPercent").isNull()).isTrue();
        JsonNode fallback = find(routes, "*:/api/**");
        assertThat(fallback.get("plugin").asText()).isEqualTo("legacy-proxy");
        assertThat(fallback.get("mode").isNull()).isTrue();
    }

    @Test
    void legacyModeIgnoresTheClaimAtOnceAndRemovingItGivesTheRouteBack() {
        assertThat(body("/api/boards/b1")).startsWith(PLUGIN_BODY_START);

        JsonNode mode = Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"legacy\"}");
        assertThat(mode.get("mode").asText()).isEqualTo("legacy");
        assertThat(mode.get("modeSource").asText()).isEqualTo("route");
        assertThat(mode.get("claimed").asBoolean()).isTrue();
        assertThat(body("/api/boards/b1")).startsWith(LEGACY_BODY_START);

        HttpResponse<String> removed = Ops.send(gateway, "DELETE", Ops.routePath(BOARD_ROUTE, "mode"), null);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(body("/api/boards/b1")).startsWith(PLUGIN_BODY_START);
    }

    @Test
    void routeIdWorksPercentEncodedAndAsTyped() {
        Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"legacy\"}");

        HttpResponse<String> raw = Ops.get(gateway, "/admin/routes/GET:/api/boards/%7BboardId%7D/mode");

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(Ops.json(raw.body()).get("mode").asText()).isEqualTo("legacy");
    }

    @Test
    void badModesAndUnknownRoutesAreProblems() {
        HttpResponse<String> unknownMode =
                Ops.send(gateway, "PUT", Ops.routePath(BOARD_ROUTE, "mode"), "{\"mode\":\"sideways\"}");
        HttpResponse<String> noShare =
                Ops.send(gateway, "PUT", Ops.routePath(BOARD_ROUTE, "mode"), "{\"mode\":\"canary\"}");
        HttpResponse<String> badJson = Ops.send(gateway, "PUT", Ops.routePath(BOARD_ROUTE, "mode"), "{mode");
        HttpResponse<String> badPath = Ops.send(
                gateway, "PUT", Ops.routePath(BOARD_ROUTE, "mode"), "{\"mode\":\"shadow\",\"ignoreFields\":[\"$.[\"]}");
        HttpResponse<String> unknownRoute =
                Ops.send(gateway, "PUT", Ops.routePath("GET:/api/nothing", "mode"), "{\"mode\":\"legacy\"}");
        HttpResponse<String> notSet = Ops.send(gateway, "DELETE", Ops.routePath(BOARD_ROUTE, "mode"), null);

        assertThat(unknownMode.statusCode()).isEqualTo(400);
        assertThat(unknownMode.body()).contains("sideways").contains("legacy-vs-legacy");
        assertThat(noShare.statusCode()).isEqualTo(400);
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badPath.statusCode()).isEqualTo(400);
        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(notSet.statusCode()).isEqualTo(404);
        assertThat(body("/api/boards/b1")).startsWith(PLUGIN_BODY_START);
    }

    @Test
    void pluginModeFallsBackToLegacyOnlyWhenAskedAndOnlyBeforeResponding() {
        assertThat(Ops.get(gateway, "/api/boards/throw").statusCode()).isEqualTo(500);

        Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"plugin\",\"fallbackToLegacy\":true}");

        HttpResponse<String> fellBack = Ops.get(gateway, "/api/boards/throw");
        assertThat(fellBack.statusCode()).isEqualTo(200);
        assertThat(fellBack.body()).startsWith(LEGACY_BODY_START);
        assertThat(fellBack.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(body("/api/boards/b1")).startsWith(PLUGIN_BODY_START);
    }

    @Test
    void legacyModeWithoutALegacyServiceIsA503() {
        Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"legacy\"}");
        Ops.send(gateway, "POST", "/admin/plugins/legacy-proxy/disable", null);

        HttpResponse<String> response = Ops.get(gateway, "/api/boards/b1");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("legacy-unavailable");
    }

    @Test
    void aPluginsRoutesCanBeSwitchedTogether() {
        HttpResponse<String> put =
                Ops.send(gateway, "PUT", "/admin/plugins/migrated/route-mode", "{\"mode\":\"legacy\"}");

        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode json = Ops.json(put.body());
        assertThat(json.get("mode").asText()).isEqualTo("legacy");
        assertThat(json.get("routes").findValuesAsText("modeSource")).containsOnly("plugin");
        assertThat(body("/api/boards/b1")).startsWith(LEGACY_BODY_START);
        assertThat(Ops.get(gateway, "/admin/plugins/nobody/route-mode").statusCode())
                .isEqualTo(404);

        Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"plugin\"}");
        assertThat(body("/api/boards/b1")).startsWith(PLUGIN_BODY_START);
    }

    @Test
    void modesSurviveARestart() {
        Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"legacy\"}");

        gateway.restart();

        assertThat(body("/api/boards/b1")).startsWith(LEGACY_BODY_START);
        assertThat(Ops.json(Ops.get(gateway, Ops.routePath(BOARD_ROUTE, "mode")).body())
                        .get("mode")
                        .asText())
                .isEqualTo("legacy");
    }

    @Test
    void switchingModesUnderLoadLosesNoRequest() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger served = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String client = "client-" + i;
            boolean writer = i == 5;
            clients.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = writer
                                ? Ops.send(gateway, "DELETE", "/api/boards/b1", null, "X-Client-Id", client)
                                : Ops.get(gateway, "/api/boards/b1", "X-Client-Id", client);
                        String body = response.body();
                        boolean ok = writer
                                ? (response.statusCode() == 202 && body.equals("legacy write"))
                                        || (response.statusCode() == 200 && body.equals("plugin write"))
                                : response.statusCode() == 200
                                        && (body.startsWith(PLUGIN_BODY_START) || body.startsWith(LEGACY_BODY_START));
                        if (ok) {
                            served.incrementAndGet();
                        } else {
                            failures.add(response.statusCode() + " " + body);
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        try {
            String[] modes = {
                "{\"mode\":\"legacy\"}",
                "{\"mode\":\"canary\",\"canaryPercent\":50}",
                "{\"mode\":\"shadow\"}",
                "{\"mode\":\"legacy-vs-legacy\"}",
                "{\"mode\":\"plugin\",\"fallbackToLegacy\":true}",
                "{\"mode\":\"plugin\"}"
            };
            for (int round = 0; round < 3; round++) {
                for (String mode : modes) {
                    Ops.putMode(gateway, BOARD_ROUTE, mode);
                    int before = served.get();
                    await().atMost(Duration.ofSeconds(10)).until(() -> served.get() > before + 10);
                }
            }
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(30));
            }
        }

        assertThat(failures).isEmpty();
        assertThat(served.get()).isGreaterThan(18 * 10);
    }

    private static JsonNode find(JsonNode routes, String id) {
        for (JsonNode route : routes) {
            if (route.get("id").asText().equals(id)) {
                return route;
            }
        }
        throw new AssertionError("No route " + id + " in " + routes);
    }
}
