package com.mirogateway.platform.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An unloaded version's class loader becomes collectable: after 20 upgrades of a plugin that served requests, ran jobs
 * and offered a service a consumer kept a proxy of, at most two of its 21 class loaders are alive after a full GC.
 */
class UnloadLeakTest {
    private static final int UPGRADES = 20;

    @Test
    void twentyUpgradesLeaveAtMostTwoClassLoadersAlive() {
        Probe.reset();
        try (TestGateway gateway = TestGateway.builder()
                .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
                .plugin(PluginJar.of("consumer").dependsOn("lifecycle?").classes(CacheConsumerPlugin.class))
                .build()
                .start()) {
            for (int i = 0; i <= UPGRADES; i++) {
                String version = "1.0." + i;
                assertThat(Uploads.put(gateway, Uploads.ID, Uploads.versioned(version))
                                .statusCode())
                        .isIn(200, 201);
                exercise(gateway, version, i + 1);
            }
            assertThat(Probe.loaders()).hasSize(UPGRADES + 1);

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        System.gc();
                        return alive() <= 2;
                    });
            System.out.println(
                    "Live class loaders of plugin 'lifecycle' after " + UPGRADES + " upgrades and GC: " + alive());
            assertThat(Probe.loaders().get(UPGRADES).get()).isNotNull(); // the current version, still serving
        }
    }

    /** Routes, a job and a call through the consumer's kept service proxy, all on this version. */
    private static void exercise(TestGateway gateway, String version, int jobs) {
        assertThat(TestHttp.get(gateway.uri("/api/lifecycle/version")).body()).isEqualTo(version);
        assertThat(TestHttp.get(gateway.uri("/api/consumer/leak")).statusCode()).isEqualTo(200);
        assertThat(Probe.reachedBy("leak")).isEqualTo(version);
        Uploads.post(gateway, "/api/lifecycle/jobs?n=1");
        await().atMost(Duration.ofSeconds(30)).until(() -> Probe.runs().size() == jobs);
    }

    private static long alive() {
        return Probe.loaders().stream()
                .map(WeakReference::get)
                .filter(l -> l != null)
                .count();
    }
}
