package com.mirogateway.platform.host.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityConfigTest {
    static Config config(Map<String, String> values) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values))
                .build();
    }

    @Test
    void securityIsOnByDefaultAndRefusesToStartWithoutAnIssuer() {
        assertThatThrownBy(() -> SecurityConfig.from(config(Map.of())))
                .isInstanceOf(SecurityConfigException.class)
                .hasMessageContaining("security.issuer is not set")
                .hasMessageContaining("security.enabled=false");
        assertThatThrownBy(() -> SecurityConfig.from(config(Map.of("security.issuer", " "))))
                .hasMessageContaining("security.issuer is not set");
    }

    @Test
    void anIssuerNeedsAnAudience() {
        assertThatThrownBy(() -> SecurityConfig.from(config(Map.of("security.issuer", "https://idp.example.com"))))
                .hasMessageContaining("security.audience");
    }

    @Test
    void explicitOptOutNeedsNothingElse() {
        SecurityConfig security = SecurityConfig.from(config(Map.of("security.enabled", "false")));
        assertThat(security.enabled()).isFalse();
        assertThat(security.publicPaths()).isEqualTo(SecurityConfig.DEFAULT_PUBLIC_PATHS);
    }

    @Test
    void readsEverySettingWithListsAsCommaSeparatedStrings() {
        SecurityConfig security = SecurityConfig.from(config(Map.of(
                "security.issuer", "https://idp.example.com/realms/miro",
                "security.audience", "miro-gateway, account",
                "security.roles-claim", "groups",
                "security.ops-role", "gateway-ops",
                "security.clock-skew", "PT5S",
                "security.public-paths", "/observe/health,/webhooks",
                "admin.loopback-only", "true")));

        assertThat(security.audiences()).containsExactly("miro-gateway", "account");
        assertThat(security.rolesClaim()).isEqualTo("groups");
        assertThat(security.opsRole()).isEqualTo("gateway-ops");
        assertThat(security.clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(security.publicPaths()).containsExactly("/observe/health", "/webhooks");
        assertThat(security.adminLoopbackOnly()).isTrue();
        assertThat(security.jwksRefreshMinInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() ->
                        SecurityConfig.from(config(Map.of("security.issuer", "ftp://x", "security.audience", "a"))))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> SecurityConfig.from(config(Map.of("security.issuer", "https://x y"))))
                .hasMessageContaining("not a URL");
        assertThatThrownBy(() -> SecurityConfig.from(
                        config(Map.of("security.enabled", "false", "security.public-paths", "/static/**"))))
                .hasMessageContaining("path prefix");
        assertThatThrownBy(() ->
                        SecurityConfig.from(config(Map.of("security.enabled", "false", "security.clock-skew", "5s"))))
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> SecurityConfig.from(
                        config(Map.of("security.enabled", "false", "security.clock-skew", "-PT5S"))))
                .hasMessageContaining("negative");
    }

    @Test
    void corsOriginsMustBeBareOriginsAndNeverAWildcard() {
        assertThat(CorsConfig.from(
                                config(Map.of("cors.allowed-origins", "https://App.example.com, http://localhost:3000"))
                                        .get("cors"))
                        .allowedOrigins())
                .containsExactly("https://app.example.com", "http://localhost:3000");
        assertThatThrownBy(() -> CorsConfig.from(
                        config(Map.of("cors.allowed-origins", "*")).get("cors")))
                .hasMessageContaining("'*' is not supported");
        assertThatThrownBy(() -> CorsConfig.from(config(Map.of("cors.allowed-origins", "https://app.example.com/path"))
                        .get("cors")))
                .hasMessageContaining("must be an origin");
        assertThatThrownBy(() -> CorsConfig.from(
                        config(Map.of("cors.allowed-origins", "not a uri")).get("cors")))
                .hasMessageContaining("not an origin");
        CorsConfig defaults = CorsConfig.from(config(Map.of()).get("cors"));
        assertThat(defaults.allowedOrigins()).isEmpty();
        assertThat(defaults.exposedHeaders())
                .containsExactly("X-Request-Id", "X-Cache", "Age", "Location", "Retry-After");
        assertThat(defaults.allowCredentials()).isFalse();
    }

    @Test
    void numbersAndSizesAreChecked() {
        assertThatThrownBy(() -> Settings.integer(config(Map.of("a", "x")).get("a"), 1))
                .hasMessageContaining("whole");
        assertThatThrownBy(() -> Settings.size(config(Map.of("a", "1MB")).get("a"), 1))
                .hasMessageContaining("bytes");
        assertThat(Settings.size(config(Map.of()).get("a"), 7)).isEqualTo(7);
    }
}
