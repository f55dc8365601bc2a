package com.mirogateway.platform.host.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.host.config.GatewayConfig;
import com.mirogateway.platform.host.store.StoreConfig;
import io.helidon.config.Config;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped conf/application.yaml lists the store and jobs settings with exactly the code's defaults. */
class ShippedConfigTest {
    private static final Path SHIPPED = Path.of("../../dist/src/main/conf/application.yaml");

    @Test
    void shippedJobsSectionEqualsTheCodeDefaults() {
        Config config = GatewayConfig.load(SHIPPED, Map.of(), Map.of());
        assertThat(config.get("jobs").exists()).isTrue();
        assertThat(JobsConfig.from(config.get("jobs"))).isEqualTo(JobsConfig.defaults());
    }

    @Test
    void shippedStoreSectionEqualsTheCodeDefaults() {
        Config config = GatewayConfig.load(SHIPPED, Map.of(), Map.of());
        Path data = Path.of("data");
        assertThat(config.get("store").exists()).isTrue();
        assertThat(StoreConfig.from(config.get("store"), data, Map.of()))
                .isEqualTo(StoreConfig.from(Config.empty(), data, Map.of()));
    }

    @Test
    void passwordComesFromTheNamedVariableNeverFromTheFileItself() {
        Config config = GatewayConfig.load(
                SHIPPED,
                Map.of(),
                Map.of("store.url", "jdbc:postgresql://db/gw", "store.password-env", "GW_DB_PASSWORD"));
        StoreConfig store = StoreConfig.from(config.get("store"), Path.of("data"), Map.of("GW_DB_PASSWORD", "s3cret"));
        assertThat(store.password()).contains("s3cret");
        assertThat(store.url()).isEqualTo("jdbc:postgresql://db/gw");
    }
}
