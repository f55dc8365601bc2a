package com.mirogateway.platform.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every plugin and route-mode change through the ops API is in {@code GET /admin/audit}, newest first. */
class AuditTrailTest {

    @Test
    void everyChangeIsListedNewestFirstWithWhoWhatAndOutcome() {
        try (TestGateway gateway = TestGateway.builder()
                .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
                .build()
                .start()) {
            byte[] v1 = Uploads.versioned("1.0.0");
            Uploads.put(gateway, Uploads.ID, v1);
            Uploads.put(
                    gateway.uri("/admin/plugins/lifecycle"),
                    v1,
                    "application/java-archive",
                    Uploads.digest("other".getBytes(StandardCharsets.UTF_8)));
            Uploads.put(gateway, Uploads.ID, Uploads.versioned("2.0.0"));
            Uploads.post(gateway, "/admin/plugins/lifecycle/disable");
            Uploads.post(gateway, "/admin/plugins/lifecycle/enable");
            TestHttp.send(HttpRequest.newBuilder(gateway.uri("/admin/routes/GET%3A%2Fapi%2Flifecycle%2Fversion/mode"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"legacy\"}")));
            Uploads.post(gateway, "/admin/plugins/lifecycle/rollback");
            TestHttp.delete(gateway.uri("/admin/plugins/lifecycle"));

            JsonNode audit = TestHttp.json(TestHttp.get(gateway.uri("/admin/audit?limit=20")));

            List<String> actions = new ArrayList<>();
            audit.forEach(entry -> actions.add(
                    entry.path("action").asText() + ":" + entry.path("outcome").asText()));
            assertThat(actions)
                    .as(audit.toPrettyString())
                    .containsExactly(
                            "remove:ok",
                            "rollback:ok",
                            "route-mode:ok",
                            "enable:ok",
                            "disable:ok",
                            "upgrade:ok",
                            "upgrade:invalid-content-digest",
                            "install:ok");
            JsonNode upgrade = audit.get(5);
            assertThat(upgrade.path("actor").asText()).isEqualTo("loopback");
            assertThat(upgrade.path("target").asText()).isEqualTo("lifecycle");
            assertThat(upgrade.path("fromVersion").asText()).isEqualTo("1.0.0");
            assertThat(upgrade.path("toVersion").asText()).isEqualTo("2.0.0");
            assertThat(upgrade.path("digest").asText()).startsWith("sha-256=:");
            assertThat(upgrade.path("at").asText()).endsWith("Z");
            assertThat(audit.get(0).path("fromVersion").asText()).isEqualTo("1.0.0"); // removed after the rollback
            assertThat(audit.get(2).path("target").asText()).isEqualTo("GET:/api/lifecycle/version");
            assertThat(audit.get(6).path("detail").asText()).contains("altered or truncated");

            assertThat(TestHttp.json(TestHttp.get(gateway.uri("/admin/audit?limit=2"))))
                    .hasSize(2);
            assertThat(TestHttp.get(gateway.uri("/admin/audit?limit=0")).statusCode())
                    .isEqualTo(400);
        }
    }
}
