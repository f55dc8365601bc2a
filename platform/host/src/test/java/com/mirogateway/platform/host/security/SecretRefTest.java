package com.mirogateway.platform.host.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {
    @TempDir
    Path dir;

    private static Config node(Map<String, String> values) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values))
                .build()
                .get("tls");
    }

    @Test
    void readsTheSecretFromTheNamedEnvironmentVariable() {
        SecretRef ref = SecretRef.from(node(Map.of("tls.keystore-password-env", "KS_PASS")), "keystore-password");

        assertThat(ref.isConfigured()).isTrue();
        assertThat(ref.read(Map.of("KS_PASS", "s3cr3t-value")).orElseThrow().value())
                .isEqualTo("s3cr3t-value");
        assertThat(ref.toString())
                .isEqualTo("tls.keystore-password (from environment variable KS_PASS)")
                .doesNotContain("s3cr3t");
    }

    @Test
    void readsTheSecretFromAFileWithoutItsTrailingNewline() throws Exception {
        Path file = dir.resolve("pass");
        Files.writeString(file, "from-file\n");
        SecretRef ref =
                SecretRef.from(node(Map.of("tls.keystore-password-file", file.toString())), "keystore-password");

        SecretRef.Secret secret = ref.read(Map.of()).orElseThrow();

        assertThat(secret.value()).isEqualTo("from-file");
        assertThat(secret.chars()).containsExactly("from-file".toCharArray());
        assertThat(secret.toString()).isEqualTo("****");
        assertThat(ref.toString()).contains("from file");
    }

    @Test
    void unconfiguredSecretIsEmpty() {
        SecretRef ref = SecretRef.from(node(Map.of("tls.keystore", "x.p12")), "keystore-password");
        assertThat(ref.isConfigured()).isFalse();
        assertThat(ref.read(Map.of())).isEmpty();
        assertThat(ref.toString()).contains("not configured");
    }

    @Test
    void literalSecretInConfigurationIsRefused() {
        assertThatThrownBy(() -> SecretRef.from(node(Map.of("tls.keystore-password", "hunter2")), "keystore-password"))
                .isInstanceOf(SecurityConfigException.class)
                .hasMessageContaining("tls.keystore-password-env")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void bothSourcesAtOnceAreRefused() {
        assertThatThrownBy(() -> SecretRef.from(
                        node(Map.of("tls.keystore-password-env", "A", "tls.keystore-password-file", "/b")),
                        "keystore-password"))
                .isInstanceOf(SecurityConfigException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void missingVariableOrFileIsAnErrorNamingTheReferenceOnly() {
        SecretRef env = SecretRef.from(node(Map.of("tls.keystore-password-env", "NOT_SET")), "keystore-password");
        assertThatThrownBy(() -> env.read(Map.of()))
                .isInstanceOf(SecurityConfigException.class)
                .hasMessageContaining("NOT_SET");
        assertThatThrownBy(() -> env.read(Map.of("NOT_SET", ""))).isInstanceOf(SecurityConfigException.class);

        SecretRef file = SecretRef.from(
                node(Map.of("tls.keystore-password-file", dir.resolve("absent").toString())), "keystore-password");
        assertThatThrownBy(() -> file.read(Map.of()))
                .isInstanceOf(SecurityConfigException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void emptySecretFileIsAnError() throws Exception {
        Path file = dir.resolve("empty");
        Files.writeString(file, "\n");
        SecretRef ref =
                SecretRef.from(node(Map.of("tls.keystore-password-file", file.toString())), "keystore-password");
        assertThatThrownBy(() -> ref.read(Map.of())).hasMessageContaining("is empty");
    }

    @Test
    void processEnvironmentIsTheDefaultSource() {
        SecretRef ref = SecretRef.from(node(Map.of("tls.keystore-password-env", "PATH")), "keystore-password");
        assertThat(ref.read()).isPresent();
    }
}
