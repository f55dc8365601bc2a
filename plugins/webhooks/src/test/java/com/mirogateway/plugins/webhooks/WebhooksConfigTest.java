package com.mirogateway.plugins.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhooksConfigTest {
    private static Config section(Map<String, String> values) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values))
                .build()
                .get("plugins.webhooks");
    }

    @Test
    void defaults() {
        WebhooksConfig config = WebhooksConfig.from(section(Map.of()));

        assertThat(config.publicBaseUrl()).isEmpty();
        assertThat(config.maxBodySize()).isEqualTo(262_144);
        assertThat(config.waitForCacheMin()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.waitForCacheMax()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void theBaseUrlLosesATrailingSlash() {
        assertThat(WebhooksConfig.from(
                                section(Map.of("plugins.webhooks.public-base-url", "https://gw.example.com/hooks/")))
                        .publicBaseUrl())
                .contains(URI.create("https://gw.example.com/hooks"));
    }

    @Test
    void shippedConfigurationListsEveryKeyWithTheCodesDefaults() {
        Path yaml = Path.of("../../dist/src/main/conf/application.yaml");
        assumeTrue(Files.isRegularFile(yaml), "the distribution's application.yaml is not in this checkout");
        Config section = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.file(yaml))
                .build()
                .get("plugins.webhooks");

        assertThat(WebhooksConfig.from(section)).isEqualTo(WebhooksConfig.from(section(Map.of())));
        assertThat(section.traverse()
                        .filter(Config::isLeaf)
                        .map(node -> node.key().toString()))
                .containsExactlyInAnyOrder(
                        "plugins.webhooks.public-base-url",
                        "plugins.webhooks.max-body-size",
                        "plugins.webhooks.wait-for-cache.min",
                        "plugins.webhooks.wait-for-cache.max",
                        "plugins.webhooks.retention");
    }

    @Test
    void invalidValuesNameTheirKey() {
        for (Map.Entry<String, String> bad : Map.of(
                        "public-base-url", "ftp://gw.example.com",
                        "max-body-size", "10",
                        "wait-for-cache.min", "PT0S",
                        "wait-for-cache.max", "PT1S",
                        "retention", "a week")
                .entrySet()) {
            String key = "plugins.webhooks." + bad.getKey();
            assertThatThrownBy(() -> WebhooksConfig.from(section(Map.of(key, bad.getValue()))))
                    .as(key)
                    .hasMessageContaining(key);
        }
    }
}
