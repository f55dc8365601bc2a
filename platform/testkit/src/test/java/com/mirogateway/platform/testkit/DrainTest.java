package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.plugins.EdgeCasesPlugin;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DrainTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("edge").classes(EdgeCasesPlugin.class))
            .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
            .build();

    @Test
    void disableWaitsForInFlightRequestsWhichFinishNormally() throws Exception {
        CompletableFuture<HttpResponse<String>> slow =
                CompletableFuture.supplyAsync(() -> Http.get(gateway.uri("/things/slow?ms=1500")));
        Awaitility.await().until(DrainTest::inFlight);
        long start = System.nanoTime();
        HttpResponse<String> disabled = Http.post(gateway.uri("/admin/plugins/edge/disable"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(slow.get().statusCode()).isEqualTo(200);
        assertThat(slow.get().body()).isEqualTo("slow done");
        assertThat(slow.isDone()).isTrue();
        assertThat(tookMillis)
                .as("disable returned only after the in-flight request")
                .isGreaterThan(300);
        assertThat(Http.get(gateway.uri("/things/1")).statusCode())
                .as("route gone")
                .isEqualTo(404);
    }

    private static boolean inFlight() {
        return gateway.gateway().plugins().plugins().stream().anyMatch(p -> p.id().equals("edge") && p.inFlight() > 0);
    }
}
