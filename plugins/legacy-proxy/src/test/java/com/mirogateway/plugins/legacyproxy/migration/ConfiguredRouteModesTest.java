package com.mirogateway.plugins.legacyproxy.migration;

import static com.mirogateway.plugins.legacyproxy.migration.Ops.BOARD_ROUTE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A plugin's configuration decides the mode its routes start in; ops' settings win over it. */
class ConfiguredRouteModesTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .plugin(PluginJar.of("migrated").classes(MigratedBoardsPlugin.class))
            .legacyStub()
            .config("plugins.migrated.route-modes.default.mode", "legacy")
            .config("plugins.migrated.route-modes.routes.0.route", BOARD_ROUTE)
            .config("plugins.migrated.route-modes.routes.0.mode", "canary")
            .config("plugins.migrated.route-modes.routes.0.canary-percent", "100")
            .build();

    @Test
    void newRoutesStartInTheConfiguredModeAndOpsOverrideIt() {
        Ops.stubLegacyBoards(gateway.legacy().orElseThrow());

        JsonNode board =
                Ops.json(Ops.get(gateway, Ops.routePath(BOARD_ROUTE, "mode")).body());
        assertThat(board.get("mode").asText()).isEqualTo("canary");
        assertThat(board.get("canaryPercent").asInt()).isEqualTo(100);
        assertThat(board.get("modeSource").asText()).isEqualTo("config-route");
        JsonNode delete = Ops.json(Ops.get(gateway, Ops.routePath("DELETE:/api/boards/{boardId}", "mode"))
                .body());
        assertThat(delete.get("mode").asText()).isEqualTo("legacy");
        assertThat(delete.get("modeSource").asText()).isEqualTo("config-plugin");
        assertThat(Ops.get(gateway, "/api/boards/b1").body()).startsWith("{\"tags\"");
        HttpResponse<String> write = Ops.send(gateway, "DELETE", "/api/boards/b1", null);
        assertThat(write.body()).isEqualTo("legacy write");

        Ops.putMode(gateway, BOARD_ROUTE, "{\"mode\":\"legacy\"}");

        assertThat(Ops.get(gateway, "/api/boards/b1").body()).startsWith("{\"id\"");
    }
}
