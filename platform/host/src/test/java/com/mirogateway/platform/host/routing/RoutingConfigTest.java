package com.mirogateway.platform.host.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingConfigTest {
    private static Config config(Map<String, String> values) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values))
                .build();
    }

    @Test
    void defaults() {
        RoutingConfig config = RoutingConfig.defaults();

        assertThat(config.defaultMode()).isEqualTo(RouteMode.PLUGIN);
        assertThat(config.refreshInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.stickyKey().kind()).isEqualTo(StickyKey.Kind.SUBJECT);
        assertThat(config.forceHeader()).isEqualTo("X-Gateway-Route");
        assertThat(config.samplePercent()).isEqualTo(100);
        assertThat(config.maxInFlight()).isEqualTo(64);
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.maxBodySize()).isEqualTo(1_048_576);
        assertThat(config.compareHeaders()).containsExactly("content-type");
        assertThat(config.ignoreFields()).isEmpty();
        assertThat(config.keepMismatches()).isEqualTo(50);
        assertThat(config.flushInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theShippedFileStatesTheDefaults() {
        Path yaml = Path.of("../../dist/src/main/conf/application.yaml");
        assumeTrue(Files.isRegularFile(yaml), "the distribution's application.yaml is not in this checkout");
        Config shipped = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.file(yaml))
                .build();

        assertThat(RoutingConfig.from(shipped.get("routing"))).isEqualTo(RoutingConfig.defaults());
        assertThat(shipped.get("routing")
                        .traverse()
                        .filter(Config::isLeaf)
                        .map(node -> node.key().toString())
                        .toList())
                .as("every routing key is listed")
                .contains(
                        "routing.default-mode",
                        "routing.refresh-interval",
                        "routing.canary.sticky-key",
                        "routing.canary.force-header",
                        "routing.shadow.sample-percent",
                        "routing.shadow.max-in-flight",
                        "routing.shadow.timeout",
                        "routing.shadow.max-body-size",
                        "routing.diff.headers.0",
                        "routing.diff.keep-mismatches",
                        "routing.diff.flush-interval");
        assertThat(shipped.get("routing.diff.ignore-fields").exists()).isTrue();
    }

    @Test
    void unusableValuesAreRefused() {
        assertThatThrownBy(() -> RoutingConfig.from(
                        config(Map.of("routing.default-mode", "canary")).get("routing")))
                .isInstanceOf(InvalidRouteModeException.class);
        assertThatThrownBy(() -> RoutingConfig.from(
                        config(Map.of("routing.shadow.sample-percent", "101")).get("routing")))
                .isInstanceOf(InvalidRouteModeException.class);
        assertThatThrownBy(() -> RoutingConfig.from(
                        config(Map.of("routing.shadow.max-in-flight", "0")).get("routing")))
                .isInstanceOf(InvalidRouteModeException.class);
        assertThatThrownBy(() -> RoutingConfig.from(
                        config(Map.of("routing.diff.ignore-fields.0", "$[")).get("routing")))
                .isInstanceOf(InvalidRouteModeException.class);
        assertThat(RoutingConfig.from(config(Map.of("routing.diff.headers.0", " ETag "))
                                .get("routing"))
                        .compareHeaders())
                .isEqualTo(List.of("etag"));
    }
}
