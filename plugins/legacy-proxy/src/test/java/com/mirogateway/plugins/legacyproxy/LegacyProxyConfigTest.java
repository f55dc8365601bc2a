package com.mirogateway.plugins.legacyproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyProxyConfigTest {
    private static LegacyProxyConfig read(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        Config root = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(map))
                .build();
        return LegacyProxyConfig.from(root.get("legacy"));
    }

    @Test
    void onlyTheBaseUrlIsRequired() {
        LegacyProxyConfig config = read("legacy.base-url", "http://legacy:5000");

        assertThat(config.baseUri()).isEqualTo(URI.create("http://legacy:5000"));
        assertThat(config.basePath()).isEmpty();
        assertThat(config.authority()).isEqualTo("legacy:5000");
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxBodySize()).isEqualTo(100L * 1024 * 1024);
        assertThat(config.connectionPoolSize()).isEqualTo(256);
        assertThat(config.retryIdempotent()).isTrue();
        assertThat(config.circuitBreaker())
                .isEqualTo(new LegacyProxyConfig.CircuitBreakerSettings(true, 20, 50, Duration.ofSeconds(10), 1));
    }

    @Test
    void readsEverySetting() {
        LegacyProxyConfig config = read(
                "legacy.base-url", "https://legacy.internal/base/",
                "legacy.connect-timeout", "PT0.5S",
                "legacy.read-timeout", "PT2M",
                "legacy.max-body-size", "-1",
                "legacy.connection-pool-size", "32",
                "legacy.retry-idempotent", "false",
                "legacy.circuit-breaker.enabled", "false",
                "legacy.circuit-breaker.volume", "8",
                "legacy.circuit-breaker.error-ratio", "75",
                "legacy.circuit-breaker.delay", "PT1M",
                "legacy.circuit-breaker.success-threshold", "3");

        assertThat(config.baseUri()).isEqualTo(URI.create("https://legacy.internal/base"));
        assertThat(config.basePath()).isEqualTo("/base");
        assertThat(config.origin()).isEqualTo(URI.create("https://legacy.internal"));
        assertThat(config.authority()).isEqualTo("legacy.internal");
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.maxBodySize()).isEqualTo(-1);
        assertThat(config.connectionPoolSize()).isEqualTo(32);
        assertThat(config.retryIdempotent()).isFalse();
        assertThat(config.circuitBreaker())
                .isEqualTo(new LegacyProxyConfig.CircuitBreakerSettings(false, 8, 75, Duration.ofMinutes(1), 3));
    }

    @Test
    void shippedApplicationYamlDocumentsTheDefaults() {
        Path yaml = Path.of("../../dist/src/main/conf/application.yaml");
        assumeTrue(Files.isRegularFile(yaml), "the distribution's application.yaml is not in this checkout");
        Config shipped = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.file(yaml))
                .build();

        LegacyProxyConfig documented = LegacyProxyConfig.from(shipped.get("legacy"));

        assertThat(documented)
                .isEqualTo(read("legacy.base-url", documented.baseUri().toString()));
        assertThat(shipped.get("legacy")
                        .traverse()
                        .filter(Config::isLeaf)
                        .map(node -> node.key().toString())
                        .toList())
                .containsExactlyInAnyOrder(
                        "legacy.base-url",
                        "legacy.connect-timeout",
                        "legacy.read-timeout",
                        "legacy.max-body-size",
                        "legacy.connection-pool-size",
                        "legacy.retry-idempotent",
                        "legacy.circuit-breaker.enabled",
                        "legacy.circuit-breaker.volume",
                        "legacy.circuit-breaker.error-ratio",
                        "legacy.circuit-breaker.delay",
                        "legacy.circuit-breaker.success-threshold");
    }

    @ParameterizedTest
    @CsvSource({
        "http://legacy, legacy",
        "http://legacy:80, legacy",
        "https://legacy:443, legacy",
        "http://legacy:443, legacy:443",
        "HTTP://Legacy:8080, Legacy:8080",
        "http://[::1]:5000, [::1]:5000"
    })
    void hostHeaderLeavesOutTheDefaultPort(String url, String authority) {
        assertThat(read("legacy.base-url", url).authority()).isEqualTo(authority);
    }

    @Test
    void missingBaseUrlSaysWhatToSet() {
        assertThatThrownBy(() -> read("legacy.read-timeout", "PT1S"))
                .isInstanceOf(LegacyProxyConfigException.class)
                .hasMessageContaining("legacy.base-url is required")
                .hasMessageContaining("GATEWAY_LEGACY_BASE_URL");
        assertThatThrownBy(() -> read("legacy.base-url", "  ")).hasMessageContaining("legacy.base-url is required");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "legacy:5000",
                "ftp://legacy",
                "/relative/path",
                "http://",
                "http://user:secret@legacy",
                "http://legacy/?x=1",
                "http://legacy/#top",
                "http://leg acy"
            })
    void invalidBaseUrlIsRefusedNamingTheKey(String url) {
        assertThatThrownBy(() -> read("legacy.base-url", url))
                .isInstanceOf(LegacyProxyConfigException.class)
                .hasMessageStartingWith("legacy.base-url ");
    }

    @Test
    void credentialsInTheBaseUrlAreNotEchoed() {
        assertThatThrownBy(() -> read("legacy.base-url", "http://user:secret@legacy"))
                .hasMessageNotContaining("secret");
    }

    @ParameterizedTest
    @CsvSource({
        "legacy.connect-timeout, 5s, legacy.connect-timeout must be an ISO-8601 duration",
        "legacy.read-timeout, PT0S, legacy.read-timeout must be a positive duration",
        "legacy.read-timeout, -PT1S, legacy.read-timeout must be a positive duration",
        "legacy.max-body-size, 0, legacy.max-body-size must be a positive number of bytes",
        "legacy.max-body-size, 10MB, legacy.max-body-size must be a number of bytes",
        "legacy.connection-pool-size, 0, legacy.connection-pool-size must be at least 1",
        "legacy.retry-idempotent, yes, legacy.retry-idempotent must be true or false",
        "legacy.circuit-breaker.volume, 0, legacy.circuit-breaker.volume must be at least 1",
        "legacy.circuit-breaker.error-ratio, 101, legacy.circuit-breaker.error-ratio must be a percentage",
        "legacy.circuit-breaker.error-ratio, 0, legacy.circuit-breaker.error-ratio must be a percentage",
        "legacy.circuit-breaker.delay, soon, legacy.circuit-breaker.delay must be an ISO-8601 duration",
        "legacy.circuit-breaker.success-threshold, 0, legacy.circuit-breaker.success-threshold must be at least 1"
    })
    void invalidValuesAreRefusedNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> read("legacy.base-url", "http://legacy", key, value))
                .isInstanceOf(LegacyProxyConfigException.class)
                .hasMessageStartingWith(message);
    }
}
