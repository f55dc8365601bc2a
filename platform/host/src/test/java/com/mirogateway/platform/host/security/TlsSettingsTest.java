package com.mirogateway.platform.host.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {
    @TempDir
    static Path dir;

    static Path keystore;

    @BeforeAll
    static void keystore() throws Exception {
        keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "web",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-validity",
                        "1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "test-only-pass")
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
    }

    private static TlsSettings settings(Map<String, String> values) {
        return TlsSettings.from(
                Config.builder()
                        .disableEnvironmentVariablesSource()
                        .disableSystemPropertiesSource()
                        .sources(ConfigSources.create(values))
                        .build()
                        .get("tls"),
                dir);
    }

    @Test
    void defaultsArePlainHttp() {
        TlsSettings tls = settings(Map.of());
        assertThat(tls.enabled()).isFalse();
        assertThat(tls.redirectPort()).isEqualTo(-1);
        assertThat(tls.hsts()).isEqualTo("max-age=31536000");
    }

    @Test
    void loadsTheKeyWithThePasswordFromTheEnvironment() {
        TlsSettings tls = settings(Map.of(
                "tls.keystore", "server.p12",
                "tls.keystore-password-env", "KS",
                "tls.key-alias", "web",
                "tls.hsts-max-age", "PT1H",
                "tls.hsts-include-subdomains", "true"));

        assertThat(tls.load(Map.of("KS", "test-only-pass"))).isNotNull();
        assertThat(tls.hsts()).isEqualTo("max-age=3600; includeSubDomains");
        assertThat(tls.hstsMaxAge()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void unusableKeystoresAreNamedWithoutThePassword() {
        TlsSettings noPassword = settings(Map.of("tls.keystore", keystore.toString()));
        assertThatThrownBy(() -> noPassword.load(Map.of()))
                .isInstanceOf(SecurityConfigException.class)
                .hasMessageContaining("tls.keystore-password-env");

        TlsSettings wrong = settings(Map.of("tls.keystore", keystore.toString(), "tls.keystore-password-env", "KS"));
        assertThatThrownBy(() -> wrong.load(Map.of("KS", "not-the-pass")))
                .isInstanceOf(SecurityConfigException.class)
                .hasMessageContaining("wrong password")
                .hasMessageNotContaining("not-the-pass");

        TlsSettings alias = settings(Map.of(
                "tls.keystore", keystore.toString(), "tls.keystore-password-env", "KS", "tls.key-alias", "other"));
        assertThatThrownBy(() -> alias.load(Map.of("KS", "test-only-pass"))).hasMessageContaining("no key entry");
    }
}
