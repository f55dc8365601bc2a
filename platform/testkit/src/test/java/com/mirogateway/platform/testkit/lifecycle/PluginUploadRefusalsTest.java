package com.mirogateway.platform.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every refused upload is a problem, and nothing changes: no plugin, no route, no kept archive. */
class PluginUploadRefusalsTest {
    @RegisterExtension
    static final TestGateway GATEWAY = TestGateway.builder()
            .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
            .build();

    @AfterEach
    void nothingChanged() {
        assertThat(TestHttp.get(GATEWAY.uri("/admin/plugins")).body()).doesNotContain("\"lifecycle\"");
        assertThat(TestHttp.get(GATEWAY.uri("/api/lifecycle/version")).body())
                .isEqualTo("legacy GET /api/lifecycle/version");
        assertThat(Uploads.keptArchives(GATEWAY)).as("kept archives").isZero();
    }

    @Test
    void missingDigestIs400() {
        byte[] jar = Uploads.versioned("1.0.0");
        HttpResponse<String> response =
                Uploads.put(GATEWAY.uri("/admin/plugins/lifecycle"), jar, "application/java-archive", null);
        assertProblem(response, 400, "invalid-content-digest", "Content-Digest header is required");
    }

    @Test
    void wrongDigestIs400() {
        byte[] jar = Uploads.versioned("1.0.0");
        String other = Uploads.digest("something else".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response =
                Uploads.put(GATEWAY.uri("/admin/plugins/lifecycle"), jar, "application/java-archive", other);
        assertProblem(response, 400, "invalid-content-digest", "altered or truncated");
    }

    @Test
    void digestWithoutSha256Is400() {
        byte[] jar = Uploads.versioned("1.0.0");
        HttpResponse<String> response =
                Uploads.put(GATEWAY.uri("/admin/plugins/lifecycle"), jar, "application/java-archive", "sha-512=:AAAA:");
        assertProblem(response, 400, "invalid-content-digest", "no sha-256 member");
    }

    @Test
    void anotherPluginIdIs400() {
        byte[] jar = Uploads.versioned("1.0.0");
        HttpResponse<String> response = Uploads.put(GATEWAY, "someone-else", jar);
        assertProblem(response, 400, "plugin-id-mismatch", "is plugin 'lifecycle', not 'someone-else'");
    }

    @Test
    void requiresRangeNotAdmittingThePlatformIs422NamingBoth() {
        byte[] jar = Uploads.withDescriptor(
                "plugin.id=lifecycle\nplugin.version=9.0.0\nplugin.requires=>=99.0.0\nplugin.provider=tests\n");
        HttpResponse<String> response = Uploads.put(GATEWAY, "lifecycle", jar);
        assertProblem(response, 422, "plugin-incompatible", "requires platform >=99.0.0");
        assertThat(TestHttp.json(response).path("detail").asText()).containsPattern("this gateway is platform \\d+\\.");
    }

    @Test
    void aRangeAdmittingThePlatformPasses() {
        byte[] jar = Uploads.withDescriptor(
                "plugin.id=lifecycle\nplugin.version=1.0.0\nplugin.requires=>=0.0.1 & <99.0.0\nplugin.provider=tests\n");
        assertThat(Uploads.put(GATEWAY, "lifecycle", jar).statusCode()).isEqualTo(201);
        assertThat(TestHttp.delete(GATEWAY.uri("/admin/plugins/lifecycle")).statusCode())
                .isEqualTo(204);
    }

    @Test
    void bytesThatAreNoArchiveAre422() {
        byte[] junk = "definitely not a zip".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = Uploads.put(GATEWAY, "lifecycle", junk);
        assertProblem(response, 422, "not-a-plugin", "not a jar or zip");
    }

    @Test
    void aJarWithoutDescriptorIs422() {
        byte[] jar = Uploads.bytes(PluginJar.of("lifecycle").entry("plugin.properties", new byte[0]), "1");
        HttpResponse<String> response = Uploads.put(GATEWAY, "lifecycle", jar);
        assertProblem(response, 422, "not-a-plugin", "not a plugin");
    }

    @Test
    void aJarBundlingPlatformClassesIs422() {
        byte[] jar = Uploads.bytes(
                PluginJar.of("lifecycle")
                        .classes(VersionedPlugin.class)
                        .entry("io/helidon/webserver/WebServer.class", new byte[] {1, 2, 3}),
                "1.0.0");
        HttpResponse<String> response = Uploads.put(GATEWAY, "lifecycle", jar);
        assertProblem(response, 422, "plugin-bundles-platform", "io/helidon/**");
    }

    @Test
    void anotherContentTypeIs415() {
        byte[] jar = Uploads.versioned("1.0.0");
        HttpResponse<String> response =
                Uploads.put(GATEWAY.uri("/admin/plugins/lifecycle"), jar, "text/plain", Uploads.digest(jar));
        assertProblem(response, 415, "unsupported-media-type", "application/java-archive");
    }

    static void assertProblem(HttpResponse<String> response, int status, String type, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = TestHttp.json(response);
        assertThat(problem.path("type").asText()).endsWith(type);
        assertThat(problem.path("detail").asText()).contains(detail);
    }
}
