package com.mirogateway.platform.host.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code cluster} section: defaults and refusals of unusable values. */
class ClusterConfigTest {
    private static ClusterConfig read(Map<String, String> values) {
        return ClusterConfig.from(Config.just(ConfigSources.create(values)));
    }

    @Test
    void defaultsAreThoseOfTheShippedConfiguration() {
        ClusterConfig config = read(Map.of());

        assertThat(config.notifications()).isEqualTo(ClusterConfig.Notifications.NOTIFY);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.goneAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.sharedMiroBudget()).isTrue();
    }

    @Test
    void unusableValuesAreRefusedSayingWhich() {
        assertThatThrownBy(() -> read(Map.of("notifications", "shout")))
                .hasMessageContaining("cluster.notifications must be notify or poll");
        assertThatThrownBy(() -> read(Map.of("miro-budget", "split")))
                .hasMessageContaining("cluster.miro-budget must be shared or local");
        assertThatThrownBy(() -> read(Map.of("heartbeat-interval", "PT30S", "gone-after", "PT10S")))
                .hasMessageContaining("gone-after must be longer");
    }

    @Test
    void pollModeIsRead() {
        assertThat(read(Map.of("notifications", "poll")).notifications()).isEqualTo(ClusterConfig.Notifications.POLL);
    }
}
