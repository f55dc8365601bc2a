package com.mirogateway.platform.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mirogateway.platform.api.StoreException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.health.HealthCheckResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreFailuresTest {
    @Test
    void unreachableDatabaseStopsTheStartWithAClearMessage() {
        StoreConfig config = StoreConfig.from(
                Config.just(ConfigSources.create(Map.of(
                        "url", "jdbc:postgresql://127.0.0.1:1/nowhere?password=secret", "connect-timeout", "PT1S"))),
                Path.of("."),
                Map.of());
        assertThatThrownBy(() -> HostStore.open(config))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("Cannot open the store at jdbc:postgresql://127.0.0.1:1/nowhere")
                .hasMessageNotContaining("secret");
    }

    @Test
    void readinessIsDownOnceTheStoreDoesNotAnswer() {
        try (Databases.TestDatabase database = Databases.sqlite()) {
            HostStore store = HostStore.open(database.config());
            StoreHealthCheck check = new StoreHealthCheck(store);
            assertThat(check.call().status()).isEqualTo(HealthCheckResponse.Status.UP);
            store.close();
            assertThat(check.call().status()).isEqualTo(HealthCheckResponse.Status.DOWN);
        }
    }

    @Test
    void urlMustNameSqliteOrPostgres() {
        assertThatThrownBy(() -> StoreConfig.from(
                        Config.just(ConfigSources.create(Map.of("url", "jdbc:mysql://db/x"))), Path.of("."), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store.url");
    }
}
