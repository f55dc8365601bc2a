package com.mirogateway.platform.host.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteModeTest {
    private static Config config(Map<String, String> values) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values))
                .build();
    }

    @Test
    void canaryNeedsAShareBetweenZeroAndHundred() {
        assertThat(RouteMode.of("canary", 12.5, true, List.of()).canaryBasisPoints())
                .isEqualTo(1250);
        assertThat(RouteMode.of("CANARY", 0.01, false, List.of()).canaryPercent())
                .isEqualTo(0.01);
        assertThatThrownBy(() -> RouteMode.of("canary", null, false, List.of()))
                .isInstanceOf(InvalidRouteModeException.class);
        assertThatThrownBy(() -> RouteMode.of("canary", 100.5, false, List.of()))
                .isInstanceOf(InvalidRouteModeException.class);
        assertThatThrownBy(() -> RouteMode.of("canary", Double.NaN, false, List.of()))
                .isInstanceOf(InvalidRouteModeException.class);
    }

    @Test
    void otherModesIgnoreTheShare() {
        RouteMode shadow = RouteMode.of("shadow", 50.0, false, List.of("createdAt"));

        assertThat(shadow.canaryBasisPoints()).isZero();
        assertThat(shadow.ignoreFields()).containsExactly("createdAt");
        assertThat(shadow.isDirect()).isFalse();
        assertThat(RouteMode.of("plugin", null, false, List.of())).isEqualTo(RouteMode.PLUGIN);
        assertThat(RouteMode.PLUGIN.isDirect()).isTrue();
        assertThat(RouteMode.of("plugin", null, true, List.of()).isDirect()).isFalse();
        assertThatThrownBy(() -> RouteMode.of("nope", null, false, List.of())).hasMessageContaining("legacy-vs-legacy");
    }

    @Test
    void pluginConfigurationGivesDefaultsAndPerRouteModes() {
        Config plugins = config(Map.of(
                        "plugins.boards.route-modes.default.mode", "shadow",
                        "plugins.boards.route-modes.default.ignore-fields.0", "etag",
                        "plugins.boards.route-modes.routes.0.route", "GET:/api/boards/{id}",
                        "plugins.boards.route-modes.routes.0.mode", "canary",
                        "plugins.boards.route-modes.routes.0.canary-percent", "10",
                        "plugins.other.fresh-for", "PT1M"))
                .get("plugins");

        ConfiguredModes modes = ConfiguredModes.from(plugins, RouteMode.PLUGIN);

        assertThat(modes.resolve("GET:/api/boards/{id}", "boards").canaryBasisPoints())
                .isEqualTo(1000);
        assertThat(modes.effective("GET:/api/boards/{id}", "boards").source()).isEqualTo(Effective.Source.CONFIG_ROUTE);
        assertThat(modes.resolve("GET:/api/x", "boards").mode()).isEqualTo(Mode.SHADOW);
        assertThat(modes.resolve("GET:/api/x", "boards").ignoreFields()).containsExactly("etag");
        assertThat(modes.effective("GET:/api/x", "other").source()).isEqualTo(Effective.Source.DEFAULT);
        assertThat(modes.isTrivial()).isFalse();
        assertThat(ConfiguredModes.from(config(Map.of()).get("plugins"), RouteMode.PLUGIN)
                        .isTrivial())
                .isTrue();
    }

    @Test
    void badPluginConfigurationNamesTheKey() {
        Config missingRoute = config(Map.of("plugins.boards.route-modes.routes.0.mode", "legacy"))
                .get("plugins");
        Config badMode = config(Map.of("plugins.boards.route-modes.default.mode", "sometimes"))
                .get("plugins");

        assertThatThrownBy(() -> ConfiguredModes.from(missingRoute, RouteMode.PLUGIN))
                .hasMessageContaining("plugins.boards.route-modes.routes.0.route");
        assertThatThrownBy(() -> ConfiguredModes.from(badMode, RouteMode.PLUGIN))
                .hasMessageContaining("plugins.boards.route-modes.default");
    }

    @Test
    void opsSettingsWinOverConfigurationRouteOverPlugin() {
        ConfiguredModes configured = new ConfiguredModes(
                Map.of("GET:/a", RouteMode.of("legacy", null, false, List.of())),
                Map.of("p", RouteMode.of("shadow", null, false, List.of())),
                RouteMode.PLUGIN);
        ModeTable table = ModeTable.of(
                3,
                List.of(
                        new RouteModeStore.Row(
                                RouteModeStore.PLUGIN, "p", RouteMode.of("canary", 5.0, false, List.of())),
                        new RouteModeStore.Row(
                                RouteModeStore.ROUTE,
                                "GET:/b",
                                RouteMode.of("legacy-vs-legacy", null, false, List.of()))),
                configured);

        assertThat(table.revision()).isEqualTo(3);
        assertThat(table.isTrivial()).isFalse();
        assertThat(table.resolve("GET:/b", "p").mode()).isEqualTo(Mode.LEGACY_VS_LEGACY);
        assertThat(table.effective("GET:/b", "p").source()).isEqualTo(Effective.Source.ROUTE);
        assertThat(table.resolve("GET:/a", "p").mode()).isEqualTo(Mode.CANARY);
        assertThat(table.effective("GET:/a", "p").source()).isEqualTo(Effective.Source.PLUGIN);
        assertThat(table.resolve("GET:/a", "q").mode()).isEqualTo(Mode.LEGACY);
        assertThat(table.effective("GET:/c", "q").source()).isEqualTo(Effective.Source.DEFAULT);
        assertThat(ModeTable.of(1, List.of(), new ConfiguredModes(Map.of(), Map.of(), RouteMode.PLUGIN))
                        .isTrivial())
                .isTrue();
    }
}
