package com.mirogateway.platform.host.miro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mirogateway.platform.host.security.SecurityConfigException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiroConfigTest {
    private static Config miro(Map<String, String> values) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values))
                .build()
                .get("miro");
    }

    @Test
    void defaultsNeedNoConfiguration() {
        MiroConfig config = MiroConfig.from(miro(Map.of()));

        assertThat(config.baseUri()).hasToString("https://api.miro.com");
        assertThat(config.accessToken().isConfigured()).isFalse();
        assertThat(config.oauth()).isEmpty();
        assertThat(config.retry().attempts()).isEqualTo(3);
        assertThat(config.rateLimit().creditsPerMinute()).isEqualTo(100_000);
        assertThat(config.rateLimit().backgroundReserve()).isEqualTo(20);
        assertThat(config.circuitBreaker().enabled()).isTrue();
        assertThat(config.bulkhead().limit()).isEqualTo(32);
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

        assertThat(MiroConfig.from(shipped.get("miro"))).isEqualTo(MiroConfig.from(miro(Map.of())));
        assertThat(shipped.get("miro")
                        .traverse()
                        .filter(Config::isLeaf)
                        .map(node -> node.key().toString()))
                .containsExactlyInAnyOrder(
                        "miro.base-url",
                        "miro.access-token-env",
                        "miro.access-token-file",
                        "miro.connect-timeout",
                        "miro.read-timeout",
                        "miro.connection-pool-size",
                        "miro.oauth.client-id",
                        "miro.oauth.client-secret-env",
                        "miro.oauth.client-secret-file",
                        "miro.oauth.refresh-token-env",
                        "miro.oauth.refresh-token-file",
                        "miro.oauth.token-encryption-key-env",
                        "miro.oauth.token-encryption-key-file",
                        "miro.oauth.token-path",
                        "miro.oauth.refresh-ahead",
                        "miro.retry.attempts",
                        "miro.retry.backoff-base",
                        "miro.retry.backoff-cap",
                        "miro.circuit-breaker.enabled",
                        "miro.circuit-breaker.volume",
                        "miro.circuit-breaker.error-ratio",
                        "miro.circuit-breaker.delay",
                        "miro.circuit-breaker.success-threshold",
                        "miro.bulkhead.limit",
                        "miro.bulkhead.queue-length",
                        "miro.rate-limit.credits-per-minute",
                        "miro.rate-limit.slow-down-below",
                        "miro.rate-limit.background-reserve",
                        "miro.rate-limit.max-wait");
    }

    @Test
    void oauthNeedsItsSecretsByReference() {
        MiroConfig config = MiroConfig.from(miro(Map.of(
                "miro.base-url", "http://127.0.0.1:9000/prefix/",
                "miro.oauth.client-id", "app",
                "miro.oauth.client-secret-env", "MIRO_SECRET",
                "miro.oauth.token-encryption-key-file", "/run/secrets/key",
                "miro.oauth.refresh-ahead", "PT1M")));

        assertThat(config.baseUri()).hasToString("http://127.0.0.1:9000/prefix");
        assertThat(config.oauth()).hasValueSatisfying(oauth -> {
            assertThat(oauth.clientId()).isEqualTo("app");
            assertThat(oauth.clientSecret().env()).contains("MIRO_SECRET");
            assertThat(oauth.refreshAhead()).isEqualTo(Duration.ofMinutes(1));
            assertThat(oauth.tokenPath()).isEqualTo("/v1/oauth/token");
        });
        assertThatThrownBy(() -> MiroConfig.from(miro(Map.of("miro.oauth.client-id", "app"))))
                .isInstanceOf(MiroConfigException.class)
                .hasMessageContaining("miro.oauth.client-secret");
        assertThatThrownBy(() -> MiroConfig.from(
                        miro(Map.of("miro.oauth.client-id", "app", "miro.oauth.client-secret-env", "S"))))
                .isInstanceOf(MiroConfigException.class)
                .hasMessageContaining("token-encryption-key");
        assertThatThrownBy(() -> MiroConfig.from(miro(Map.of("miro.access-token", "literal-token"))))
                .isInstanceOf(SecurityConfigException.class)
                .hasMessageNotContaining("literal-token");
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> MiroConfig.from(miro(Map.of("miro.base-url", "ftp://miro"))))
                .hasMessageContaining("miro.base-url");
        assertThatThrownBy(() -> MiroConfig.from(miro(Map.of("miro.read-timeout", "soon"))))
                .hasMessageContaining("miro.read-timeout");
        assertThatThrownBy(() -> MiroConfig.from(miro(Map.of("miro.connect-timeout", "PT0S"))))
                .hasMessageContaining("miro.connect-timeout");
        assertThatThrownBy(() -> MiroConfig.from(miro(Map.of("miro.retry.attempts", "0"))))
                .hasMessageContaining("miro.retry.attempts");
        assertThatThrownBy(() -> MiroConfig.from(miro(Map.of("miro.retry.attempts", "many"))))
                .hasMessageContaining("miro.retry.attempts");
        assertThatThrownBy(() -> MiroConfig.from(miro(Map.of("miro.rate-limit.background-reserve", "120"))))
                .hasMessageContaining("miro.rate-limit.background-reserve");
        assertThatThrownBy(() -> MiroConfig.from(miro(Map.of("miro.rate-limit.max-wait", "-PT1S"))))
                .hasMessageContaining("miro.rate-limit.max-wait");
        assertThatThrownBy(() -> MiroConfig.from(miro(Map.of(
                        "miro.oauth.client-id",
                        "a",
                        "miro.oauth.client-secret-env",
                        "S",
                        "miro.oauth.token-encryption-key-env",
                        "K",
                        "miro.oauth.token-path",
                        "v1/token"))))
                .hasMessageContaining("token-path");
    }
}
