package com.mirogateway.platform.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Install, upgrade, failed upgrade, rollback and removal of a plugin through the ops API of a running gateway. */
class PluginLifecycleTest {

    @BeforeEach
    void resetProbe() {
        Probe.reset();
    }

    private static TestGateway gateway() {
        return TestGateway.builder()
                .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
                .plugin(PluginJar.of("consumer").dependsOn("lifecycle?").classes(CacheConsumerPlugin.class))
                .build()
                .start();
    }

    @Test
    void newPluginIsLoadedStartedAndListed() {
        try (TestGateway gateway = gateway()) {
            HttpResponse<String> created = Uploads.put(gateway, "lifecycle", Uploads.versioned("1.0.0"));

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode plugin = TestHttp.json(created);
            assertThat(plugin.path("id").asText()).isEqualTo("lifecycle");
            assertThat(plugin.path("version").asText()).isEqualTo("1.0.0");
            assertThat(plugin.path("state").asText()).isEqualTo("STARTED");
            assertThat(plugin.path("routes").toString()).contains("GET /api/lifecycle/version");
            assertThat(TestHttp.get(gateway.uri("/admin/plugins")).body()).contains("\"lifecycle\"");
            assertThat(TestHttp.get(gateway.uri("/api/lifecycle/version")).body())
                    .isEqualTo("1.0.0");
        }
    }

    @Test
    void zipArchiveInstallsAndUpgradesLikeAJar() {
        try (TestGateway gateway = gateway()) {
            byte[] zip = Uploads.asZip(Uploads.versioned("1.0.0"));
            HttpResponse<String> created =
                    Uploads.put(gateway.uri("/admin/plugins/lifecycle"), zip, "application/zip", Uploads.digest(zip));

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(TestHttp.get(gateway.uri("/api/lifecycle/version")).body())
                    .isEqualTo("1.0.0");
            assertThat(Uploads.put(gateway, "lifecycle", Uploads.asZip(Uploads.versioned("2.0.0")))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(TestHttp.get(gateway.uri("/api/lifecycle/version")).body())
                    .isEqualTo("2.0.0");
        }
    }

    @Test
    void upgradeUnderConcurrentLoadFailsNoRequest() throws Exception {
        try (TestGateway gateway = gateway()) {
            assertThat(Uploads.put(gateway, "lifecycle", Uploads.versioned("1.0.0"))
                            .statusCode())
                    .isEqualTo(201);
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<List<String>>> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(CompletableFuture.supplyAsync(() -> load(gateway, stop, failures)));
            }
            await().until(() -> Probe.loaders().size() == 1);

            HttpResponse<String> upgraded = Uploads.put(gateway, "lifecycle", Uploads.versioned("2.0.0"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestHttp.get(gateway.uri("/api/lifecycle/version"))
                            .body()
                            .equals("2.0.0"));
            stop.set(true);

            assertThat(upgraded.statusCode()).as(upgraded.body()).isEqualTo(200);
            assertThat(TestHttp.json(upgraded).path("version").asText()).isEqualTo("2.0.0");
            assertThat(failures).isEmpty();
            for (CompletableFuture<List<String>> client : clients) {
                List<String> seen = client.get();
                assertThat(seen).isNotEmpty().allMatch(v -> v.equals("1.0.0") || v.equals("2.0.0"));
                int firstNew = seen.indexOf("2.0.0");
                if (firstNew >= 0) { // once a client saw the new version, it never sees the old one again
                    assertThat(seen.subList(firstNew, seen.size())).containsOnly("2.0.0");
                }
            }
        }
    }

    private static List<String> load(TestGateway gateway, AtomicBoolean stop, ConcurrentLinkedQueue<String> failures) {
        List<String> seen = new ArrayList<>();
        while (!stop.get()) {
            HttpResponse<String> response = TestHttp.get(gateway.uri("/api/lifecycle/version"));
            if (response.statusCode() != 200) {
                failures.add(response.statusCode() + " " + response.body());
            }
            seen.add(response.body());
        }
        return seen;
    }

    @Test
    void requestsInsideTheOldVersionFinishThereWhileTheNewOneServes() {
        try (TestGateway gateway = gateway()) {
            Uploads.put(gateway, "lifecycle", Uploads.versioned("1.0.0"));
            CompletableFuture<HttpResponse<String>> held =
                    CompletableFuture.supplyAsync(() -> TestHttp.get(gateway.uri("/api/lifecycle/hold")));
            await().until(() -> Probe.held() == 1);

            CompletableFuture<HttpResponse<String>> upgrade =
                    CompletableFuture.supplyAsync(() -> Uploads.put(gateway, "lifecycle", Uploads.versioned("2.0.0")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestHttp.get(gateway.uri("/api/lifecycle/version"))
                            .body()
                            .equals("2.0.0"));
            assertThat(held).isNotDone();
            assertThat(upgrade).isNotDone(); // the old version is still draining
            Probe.release();

            assertThat(held.join().statusCode()).isEqualTo(200);
            assertThat(held.join().body()).isEqualTo("held by 1.0.0");
            assertThat(upgrade.join().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void failingUpgradeIs409AndTheOldVersionKeepsServing() {
        try (TestGateway gateway = gateway()) {
            Uploads.put(gateway, "lifecycle", Uploads.versioned("1.0.0"));

            HttpResponse<String> refused = Uploads.put(gateway, "lifecycle", Uploads.failing("2.0.0"));

            PluginUploadRefusalsTest.assertProblem(
                    refused, 409, "plugin-start-failed", "the schema this version expects is missing");
            assertThat(TestHttp.get(gateway.uri("/api/lifecycle/version")).body())
                    .isEqualTo("1.0.0");
            assertThat(TestHttp.get(gateway.uri("/api/consumer/k")).statusCode())
                    .isEqualTo(200);
            assertThat(Probe.reachedBy("k")).isEqualTo("1.0.0");
            JsonNode plugin = plugin(gateway);
            assertThat(plugin.path("version").asText()).isEqualTo("1.0.0");
            assertThat(plugin.path("state").asText()).isEqualTo("STARTED");
        }
    }

    @Test
    void servicesAndJobsMoveToTheNewVersionAndNoJobIsLostOrRunTwice() {
        try (TestGateway gateway = gateway()) {
            Uploads.put(gateway, "lifecycle", Uploads.versioned("1.0.0"));
            TestHttp.get(gateway.uri("/api/consumer/before"));
            assertThat(Probe.reachedBy("before")).isEqualTo("1.0.0");
            Uploads.post(gateway, "/api/lifecycle/jobs?n=100");
            Uploads.post(gateway, "/api/lifecycle/jobs?n=20&delayMs=4000"); // queued while the upgrade runs

            assertThat(Uploads.put(gateway, "lifecycle", Uploads.versioned("2.0.0"))
                            .statusCode())
                    .isEqualTo(200);

            TestHttp.get(gateway.uri("/api/consumer/after")); // the same proxy, kept by the consumer
            assertThat(Probe.reachedBy("after")).isEqualTo("2.0.0");
            await().atMost(Duration.ofSeconds(60)).until(() -> Probe.runs().size() == 120);
            assertThat(Probe.runs().values())
                    .allSatisfy(versions -> assertThat(versions).hasSize(1));
            assertThat(Probe.runs().values().stream().filter(v -> v.get(0).equals("2.0.0")))
                    .hasSizeGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void rollbackReturnsToThePreviousVersionAndASecondOneUndoesIt() {
        try (TestGateway gateway = gateway()) {
            Uploads.put(gateway, "lifecycle", Uploads.versioned("1.0.0"));
            PluginUploadRefusalsTest.assertProblem(
                    Uploads.post(gateway, "/admin/plugins/lifecycle/rollback"),
                    409,
                    "plugin-lifecycle-conflict",
                    "no previous version");
            Uploads.put(gateway, "lifecycle", Uploads.versioned("2.0.0"));

            HttpResponse<String> rolledBack = Uploads.post(gateway, "/admin/plugins/lifecycle/rollback");

            assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
            assertThat(TestHttp.json(rolledBack).path("version").asText()).isEqualTo("1.0.0");
            assertThat(TestHttp.get(gateway.uri("/api/lifecycle/version")).body())
                    .isEqualTo("1.0.0");
            assertThat(Uploads.post(gateway, "/admin/plugins/lifecycle/rollback")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(TestHttp.get(gateway.uri("/api/lifecycle/version")).body())
                    .isEqualTo("2.0.0");
        }
    }

    @Test
    void removalStopsUnloadsAndFallsBackToLegacy() throws IOException {
        try (TestGateway gateway = gateway()) {
            Uploads.put(gateway, "lifecycle", Uploads.versioned("1.0.0"));
            Uploads.put(gateway, "lifecycle", Uploads.versioned("2.0.0"));

            assertThat(TestHttp.delete(gateway.uri("/admin/plugins/lifecycle")).statusCode())
                    .isEqualTo(204);

            assertThat(TestHttp.get(gateway.uri("/api/lifecycle/version")).body())
                    .isEqualTo("legacy GET /api/lifecycle/version");
            assertThat(TestHttp.get(gateway.uri("/admin/plugins")).body()).doesNotContain("\"lifecycle\"");
            try (Stream<Path> files = Files.walk(gateway.home().resolve("data/plugin-archives"))) {
                assertThat(files.filter(Files::isRegularFile))
                        .as("the unloaded versions' files")
                        .isEmpty();
            }
            assertThat(Uploads.keptArchives(gateway))
                    .as("archives kept in the store")
                    .isZero();
            assertThat(TestHttp.delete(gateway.uri("/admin/plugins/lifecycle")).statusCode())
                    .isEqualTo(404);
            PluginUploadRefusalsTest.assertProblem(
                    TestHttp.delete(gateway.uri("/admin/plugins/fake-legacy")),
                    409,
                    "plugin-lifecycle-conflict",
                    "bundled with the distribution");
        }
    }

    static JsonNode plugin(TestGateway gateway) {
        for (JsonNode plugin : TestHttp.json(TestHttp.get(gateway.uri("/admin/plugins")))) {
            if (plugin.path("id").asText().equals("lifecycle")) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin 'lifecycle'");
    }
}
