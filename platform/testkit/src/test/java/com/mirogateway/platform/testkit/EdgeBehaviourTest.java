package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.plugins.EdgeCasesPlugin;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EdgeBehaviourTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("edge").classes(EdgeCasesPlugin.class))
            .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
            .config("plugins.edge.greeting", "hello from config")
            .config("server.max-payload-size", "1024")
            .build();

    @Test
    void pluginReadsItsOwnConfigSection() {
        assertThat(Http.get(gateway.uri("/things/config")).body()).isEqualTo("hello from config");
    }

    @Test
    void unknownPathIsANotFoundProblemWithTheCorrelationId() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(gateway.uri("/nowhere"))
                .header("X-Request-Id", "req-123")
                .build());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var problem = Json.parse(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:miro-gateway:problem:not-found");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("title").asText()).isEqualTo("Not Found");
        assertThat(problem.path("requestId").asText()).isEqualTo("req-123");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-123");
    }

    @Test
    void wrongMethodOnAClaimedPathIsMethodNotAllowedWithAllow() {
        HttpResponse<String> response = Http.post(gateway.uri("/things/42"));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(Json.parse(response.body()).path("type").asText())
                .isEqualTo("urn:miro-gateway:problem:method-not-allowed");
    }

    @Test
    void jsonBodiesAreParsedAndBadOnesAreClientErrors() {
        HttpResponse<String> created =
                Http.post(gateway.uri("/things/notes"), "application/json", "{\"text\":\"hi\",\"size\":2}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(Json.parse(created.body()).path("text").asText()).isEqualTo("hi");

        HttpResponse<String> malformed = Http.post(gateway.uri("/things/notes"), "application/json", "{\"text\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> wrongType = Http.post(gateway.uri("/things/notes"), "text/plain", "hi");
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void oversizedBodyIsPayloadTooLarge() {
        String big = "{\"text\":\"" + "x".repeat(4096) + "\",\"size\":1}";
        HttpResponse<String> response = Http.post(gateway.uri("/things/notes"), "application/json", big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Http.get(gateway.uri("/things/1")).statusCode())
                .as("server keeps serving")
                .isEqualTo(200);
    }

    @Test
    void handlerFailureIsAnInternalErrorWithoutInternals() {
        HttpResponse<String> response = Http.get(gateway.uri("/things/fail"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body())
                .doesNotContain("hunter2")
                .doesNotContain("IllegalStateException")
                .doesNotContain("at com.");
        assertThat(Json.parse(response.body()).path("requestId").asText()).isNotBlank();
    }

    @Test
    void correlationIdComesFromTraceparentOrIsGeneratedWhenAbsentOrUnsafe() {
        HttpResponse<String> traced = Http.send(HttpRequest.newBuilder(gateway.uri("/things/1"))
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .build());
        assertThat(traced.headers().firstValue("X-Request-Id")).hasValue("4bf92f3577b34da6a3ce929d0e0e4736");

        HttpResponse<String> unsafe = Http.send(HttpRequest.newBuilder(gateway.uri("/things/1"))
                .header("X-Request-Id", "bad id\" injected")
                .build());
        assertThat(unsafe.headers().firstValue("X-Request-Id").orElseThrow())
                .doesNotContain("injected")
                .matches("[0-9a-f-]{36}");

        HttpResponse<String> generated = Http.get(gateway.uri("/things/1"));
        assertThat(generated.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
    }

    @Test
    void pluginLogLinesAreJsonWithTheRequestsCorrelationId() {
        List<String> lines = LogLines.during(() -> Http.send(HttpRequest.newBuilder(gateway.uri("/things/log"))
                .header("X-Request-Id", "log-check-1")
                .build()));
        String line = lines.stream()
                .filter(l -> l.contains("hello from the edge plugin"))
                .findFirst()
                .orElseThrow();
        assertThat(line).endsWith("}\n").doesNotContain("\n{");
        var json = Json.parse(line);
        assertThat(json.path("requestId").asText()).isEqualTo("log-check-1");
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("ts").asText()).isNotBlank();
    }

    @Test
    void metricsArePerRouteTemplateAndPlugin() {
        Http.get(gateway.uri("/things/7"));
        String metrics = Http.get(gateway.uri("/observe/metrics")).body();
        assertThat(metrics)
                .contains("gateway_requests_seconds_count{method=\"GET\",plugin=\"edge\",route=\"/things/{id}\"")
                .doesNotContain("route=\"/things/7\"");
    }

    @Test
    void metricsKeepHelidonsFormatsButNotItsPerRequestCounter() {
        Http.get(gateway.uri("/things/7"));
        HttpResponse<String> text = Http.get(gateway.uri("/observe/metrics"));
        HttpResponse<String> json = Http.send(HttpRequest.newBuilder(gateway.uri("/observe/metrics"))
                .header("Accept", "application/json")
                .build());

        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.body())
                .contains("gateway_requests_seconds_count", "memory_usedHeap_bytes")
                .as("the host times what it routes; Helidon's counting filter costs every request")
                .doesNotContain("requests_count_total");
        assertThat(json.statusCode()).isEqualTo(200);
        var meters = Json.parse(json.body());
        assertThat(meters.path("application").has("gateway.requests")).isTrue();
        assertThat(meters.path("vendor").has("requests.count")).isFalse();
    }
}
