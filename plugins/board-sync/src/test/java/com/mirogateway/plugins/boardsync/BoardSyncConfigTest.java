package com.mirogateway.plugins.boardsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoardSyncConfigTest {
    private static Config section(Map<String, String> values) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values))
                .build()
                .get("plugins.board-sync");
    }

    @Test
    void defaultsFollowTheCacheNotes() {
        BoardSyncConfig config = BoardSyncConfig.from(section(Map.of()));

        assertThat(config.freshFor()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.staleWhileRevalidate()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.staleIfError()).isEqualTo(Duration.ofHours(24));
        assertThat(config.waitTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.sync().pageSize()).isEqualTo(50);
        assertThat(config.resync().enabled()).isTrue();
    }

    @Test
    void shippedConfigurationListsEveryKeyWithTheCodesDefaults() {
        Path yaml = Path.of("../../dist/src/main/conf/application.yaml");
        assumeTrue(Files.isRegularFile(yaml), "the distribution's application.yaml is not in this checkout");
        Config shipped = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.file(yaml))
                .build();
        Config section = shipped.get("plugins.board-sync");

        assertThat(BoardSyncConfig.from(section)).isEqualTo(BoardSyncConfig.from(section(Map.of())));
        assertThat(section.traverse()
                        .filter(Config::isLeaf)
                        .map(node -> node.key().toString()))
                .containsExactlyInAnyOrder(
                        "plugins.board-sync.fresh-for",
                        "plugins.board-sync.stale-while-revalidate",
                        "plugins.board-sync.stale-if-error",
                        "plugins.board-sync.wait-timeout",
                        "plugins.board-sync.memory-cache.max-entries",
                        "plugins.board-sync.memory-cache.ttl",
                        "plugins.board-sync.sync.page-size",
                        "plugins.board-sync.sync.max-pages",
                        "plugins.board-sync.sync.stuck-after",
                        "plugins.board-sync.resync.enabled",
                        "plugins.board-sync.resync.interval",
                        "plugins.board-sync.resync.read-within",
                        "plugins.board-sync.resync.max-boards",
                        "plugins.board-sync.events.retention",
                        "plugins.board-sync.events.max-streams",
                        "plugins.board-sync.events.keepalive",
                        "plugins.board-sync.events.poll-interval",
                        "plugins.board-sync.events.retry-after");
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> BoardSyncConfig.from(section(Map.of("plugins.board-sync.fresh-for", "PT0S"))))
                .hasMessageContaining("plugins.board-sync.fresh-for");
        assertThatThrownBy(() -> BoardSyncConfig.from(section(Map.of("plugins.board-sync.fresh-for", "a minute"))))
                .hasMessageContaining("plugins.board-sync.fresh-for");
        assertThatThrownBy(() -> BoardSyncConfig.from(section(Map.of("plugins.board-sync.stale-if-error", "-PT1S"))))
                .hasMessageContaining("plugins.board-sync.stale-if-error");
        assertThatThrownBy(() -> BoardSyncConfig.from(section(Map.of("plugins.board-sync.sync.page-size", "5"))))
                .hasMessageContaining("plugins.board-sync.sync.page-size");
        assertThatThrownBy(() -> BoardSyncConfig.from(section(Map.of("plugins.board-sync.sync.max-pages", "0"))))
                .hasMessageContaining("plugins.board-sync.sync.max-pages");
        assertThatThrownBy(() ->
                        BoardSyncConfig.from(section(Map.of("plugins.board-sync.memory-cache.max-entries", "-1"))))
                .hasMessageContaining("plugins.board-sync.memory-cache.max-entries");
        assertThatThrownBy(() -> BoardSyncConfig.from(section(Map.of("plugins.board-sync.resync.max-boards", "lots"))))
                .hasMessageContaining("plugins.board-sync.resync.max-boards");
    }

    @Test
    void freshnessClassifiesByAge() {
        Freshness freshness = new Freshness(Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofHours(1));

        assertThat(freshness.classify(-5, false)).isEqualTo(Freshness.State.FRESH);
        assertThat(freshness.classify(59_999, false)).isEqualTo(Freshness.State.FRESH);
        assertThat(freshness.classify(60_000, false)).isEqualTo(Freshness.State.REVALIDATE);
        assertThat(freshness.classify(659_999, false)).isEqualTo(Freshness.State.REVALIDATE);
        assertThat(freshness.classify(660_000, false)).isEqualTo(Freshness.State.ERROR_ONLY);
        assertThat(freshness.classify(10, true))
                .as("a copy marked stale is never fresh")
                .isEqualTo(Freshness.State.ERROR_ONLY);
        assertThat(freshness.classify(3_660_000, false)).isEqualTo(Freshness.State.EXPIRED);
    }
}
