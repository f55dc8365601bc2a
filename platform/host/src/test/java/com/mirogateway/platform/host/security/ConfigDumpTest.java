package com.mirogateway.platform.host.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDumpTest {
    @Test
    void secretLikeValuesAreMaskedAndReferencesAreNot() {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(Map.of(
                        "server.port", "8080",
                        "store.password", "db-pass-1",
                        "miro.client-secret", "miro-secret-2",
                        "miro.refresh-token", "refresh-3",
                        "miro.token-encryption-key", "key-4",
                        "keystore.password", "from-GATEWAY_KEYSTORE_PASSWORD",
                        "tls.keystore-password-env", "GATEWAY_KEYSTORE_PASSWORD",
                        "tls.keystore-password-file", "/run/secrets/ks")))
                .build();

        String dump = String.join("\n", ConfigDump.lines(config));

        assertThat(dump)
                .contains("server.port=8080")
                .contains("store.password=****")
                .contains("miro.client-secret=****")
                .contains("miro.refresh-token=****")
                .contains("miro.token-encryption-key=****")
                .contains("keystore.password=****")
                .contains("tls.keystore-password-env=GATEWAY_KEYSTORE_PASSWORD")
                .contains("tls.keystore-password-file=/run/secrets/ks")
                .doesNotContain("db-pass-1", "miro-secret-2", "refresh-3", "key-4", "from-GATEWAY");
    }

    @Test
    void ordinaryKeysAreNotSecret() {
        assertThat(ConfigDump.isSecret("base-url")).isFalse();
        assertThat(ConfigDump.isSecret("key-alias")).isFalse();
        assertThat(ConfigDump.isSecret("private-key")).isTrue();
        assertThat(ConfigDump.isSecret("api-key")).isTrue();
    }
}
