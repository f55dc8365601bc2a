package com.mirogateway.plugins.legacyproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without {@code legacy.base-url} the plugin fails to start with a reason naming the key; the host keeps serving. */
class PluginStartFailureTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("legacy.read-timeout", "PT1S")
            .build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(gateway.uri(path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void missingBaseUrlFailsThePluginWithAClearReason() throws Exception {
        HttpResponse<String> plugins = get("/admin/plugins");

        assertThat(plugins.statusCode()).isEqualTo(200);
        JsonNode legacyProxy = null;
        for (JsonNode plugin : new ObjectMapper().readTree(plugins.body())) {
            if (plugin.path("id").asText().equals("legacy-proxy")) {
                legacyProxy = plugin;
            }
        }
        assertThat(legacyProxy).isNotNull();
        assertThat(legacyProxy.path("state").asText()).isEqualTo("FAILED");
        assertThat(legacyProxy.path("failureReason").asText()).contains("legacy.base-url is required");
    }

    @Test
    void apiRequestsAreNotFoundRatherThanProxiedAnywhere() throws Exception {
        HttpResponse<String> response = get("/api/boards");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }
}
