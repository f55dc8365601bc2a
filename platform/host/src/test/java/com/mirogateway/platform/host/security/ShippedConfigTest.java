package com.mirogateway.platform.host.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mirogateway.platform.host.config.GatewayConfig;
import io.helidon.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped conf/application.yaml documents the security, CORS and TLS defaults the code has. */
class ShippedConfigTest {
    private static final Path YAML = Path.of("../../dist/src/main/conf/application.yaml");
    private static final Map<String, String> ISSUER =
            Map.of("security.issuer", "https://idp.example.com", "security.audience", "miro-gateway");

    private static Config shipped(Map<String, String> environment, Map<String, String> overrides) {
        assumeTrue(Files.isRegularFile(YAML), "the distribution's application.yaml is not in this checkout");
        return GatewayConfig.load(YAML, environment, overrides);
    }

    private static Config codeDefaults(Map<String, String> overrides) {
        return GatewayConfig.load(Path.of("does-not-exist.yaml"), Map.of(), overrides);
    }

    @Test
    void shippedFileRefusesToStartWithoutAnIssuer() {
        assertThatThrownBy(() -> SecurityConfig.from(shipped(Map.of(), Map.of())))
                .isInstanceOf(SecurityConfigException.class)
                .hasMessageContaining("security.issuer is not set");
    }

    @Test
    void shippedSecurityCorsAndTlsDefaultsAreTheCodes() {
        Config shipped = shipped(Map.of(), ISSUER);
        Config code = codeDefaults(ISSUER);

        assertThat(SecurityConfig.from(shipped)).isEqualTo(SecurityConfig.from(code));
        assertThat(CorsConfig.from(shipped.get("cors"))).isEqualTo(CorsConfig.from(code.get("cors")));
        assertThat(TlsSettings.from(shipped.get("tls"), Path.of("/home")))
                .isEqualTo(TlsSettings.from(code.get("tls"), Path.of("/home")));
        assertThat(Settings.size(shipped.get("gateway.max-body-size"), -1))
                .isEqualTo(EdgeSecurity.DEFAULT_MAX_BODY_SIZE);
    }

    @Test
    void environmentVariablesReachEveryListedKey() {
        Config config = shipped(
                Map.of(
                        "GATEWAY_SECURITY_ISSUER", "https://idp.example.com/realms/miro",
                        "GATEWAY_SECURITY_AUDIENCE", "miro-gateway,account",
                        "GATEWAY_SECURITY_ROLES_CLAIM", "realm_access.roles",
                        "GATEWAY_CORS_ALLOWED_ORIGINS", "https://app.example.com",
                        "GATEWAY_TLS_KEYSTORE_PASSWORD_ENV", "GATEWAY_KEYSTORE_PASSWORD"),
                Map.of());

        SecurityConfig security = SecurityConfig.from(config);
        assertThat(security.issuer().orElseThrow()).hasToString("https://idp.example.com/realms/miro");
        assertThat(security.audiences()).containsExactly("miro-gateway", "account");
        assertThat(security.rolesClaim()).isEqualTo("realm_access.roles");
        assertThat(CorsConfig.from(config.get("cors")).allowedOrigins()).containsExactly("https://app.example.com");
        assertThat(TlsSettings.from(config.get("tls"), Path.of("/home"))
                        .password()
                        .env())
                .hasValue("GATEWAY_KEYSTORE_PASSWORD");
    }

    @Test
    void explicitOptOutStartsWithTheShippedFile() {
        Config config = shipped(Map.of("GATEWAY_SECURITY_ENABLED", "false"), Map.of());
        EdgeSecurity security = EdgeSecurity.create(config, Path.of("."), Map.of());
        assertThat(security.adminLoopbackOnly()).isTrue();
    }
}
