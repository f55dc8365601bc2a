package com.mirogateway.plugins.legacyproxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.mirogateway.platform.testkit.TestGateway;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A legacy service that is slow, resets connections or breaks off; the circuit breaker is off here. */
class UpstreamFailureTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .legacyStub()
            .config("legacy.read-timeout", READ_TIMEOUT.toString())
            .config("legacy.circuit-breaker.enabled", "false")
            .config("legacy.max-body-size", "1024")
            .build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer legacy() {
        return gateway.legacy().orElseThrow();
    }

    @BeforeEach
    void reset() {
        legacy().resetAll();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(gateway.uri(path))
                        .timeout(Duration.ofSeconds(20))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String slug) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:miro-gateway:problem:" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("requestId").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.helidon");
    }

    @Test
    void slowLegacyServiceAnswers504WithinTheReadTimeout() throws Exception {
        legacy().stubFor(any(urlEqualTo("/api/slow"))
                .willReturn(aResponse().withFixedDelay(10_000).withBody("too late")));

        long start = System.nanoTime();
        HttpResponse<String> response = send("GET", "/api/slow", null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertProblem(response, 504, "legacy-timeout");
        assertThat(took).isGreaterThanOrEqualTo(READ_TIMEOUT).isLessThan(READ_TIMEOUT.multipliedBy(3));
        assertThat(legacy().findAll(anyRequestedFor(urlEqualTo("/api/slow")))).hasSize(1);
    }

    @Test
    void slowLegacyServiceIsNotAskedAgainForAPost() throws Exception {
        legacy().stubFor(any(urlEqualTo("/api/slow-write"))
                .willReturn(aResponse().withFixedDelay(10_000).withBody("too late")));

        HttpResponse<String> response = send("POST", "/api/slow-write", "{\"a\":1}");

        assertProblem(response, 504, "legacy-timeout");
        assertThat(legacy().findAll(anyRequestedFor(urlEqualTo("/api/slow-write"))))
                .hasSize(1);
    }

    @Test
    void slowLegacyServiceAnswers504ForABodylessPost() throws Exception {
        legacy().stubFor(any(urlEqualTo("/api/slow-empty"))
                .willReturn(aResponse().withFixedDelay(10_000).withBody("too late")));

        long start = System.nanoTime();
        HttpResponse<String> response = send("POST", "/api/slow-empty", null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertProblem(response, 504, "legacy-timeout");
        assertThat(took).isGreaterThanOrEqualTo(READ_TIMEOUT).isLessThan(READ_TIMEOUT.multipliedBy(3));
    }

    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
    void nonIdempotentRequestIsNeverRetried(Fault fault) throws Exception {
        legacy().stubFor(any(urlEqualTo("/api/orders")).willReturn(aResponse().withFault(fault)));

        HttpResponse<String> post = send("POST", "/api/orders", "{\"item\":\"x\"}");
        HttpResponse<String> patch = send("PATCH", "/api/orders", "{\"item\":\"y\"}");
        HttpResponse<String> bodyless = send("POST", "/api/orders", null);

        assertProblem(post, 502, "legacy-unreachable");
        assertProblem(patch, 502, "legacy-unreachable");
        assertProblem(bodyless, 502, "legacy-unreachable");
        assertThat(legacy().findAll(anyRequestedFor(urlEqualTo("/api/orders")))).hasSize(3);
    }

    @Test
    void bodylessGetIsTriedOnceMoreOnABrokenConnection() throws Exception {
        legacy().stubFor(any(urlEqualTo("/api/reset"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        HttpResponse<String> response = send("GET", "/api/reset", null);

        assertProblem(response, 502, "legacy-unreachable");
        assertThat(legacy().findAll(anyRequestedFor(urlEqualTo("/api/reset")))).hasSize(2);
    }

    @Test
    void legacyBreakingOffBeforeItsBodyIs502() throws Exception {
        legacy().stubFor(any(urlEqualTo("/api/broken"))
                .willReturn(aResponse().withStatus(200).withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        HttpResponse<String> response = send("GET", "/api/broken", null);

        assertProblem(response, 502, "legacy-unreachable");
    }

    @Test
    void bodyLargerThanTheLimitIs413WithoutCallingLegacy() throws Exception {
        HttpResponse<String> response = send("POST", "/api/upload", "x".repeat(2048));

        assertProblem(response, 413, "payload-too-large");
        assertThat(legacy().getAllServeEvents()).isEmpty();
    }

    @Test
    void chunkedBodyGrowingPastTheLimitIs413() {
        legacy().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            chunks.append("200\r\n").append("y".repeat(512)).append("\r\n");
        }
        chunks.append("0\r\n\r\n");

        RawHttp.Response response = RawHttp.send(
                gateway.gateway().port(),
                "POST /api/upload HTTP/1.1",
                List.of("Transfer-Encoding: chunked"),
                chunks.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("urn:miro-gateway:problem:payload-too-large");
    }

    @Test
    void requestBodyEndingEarlyIsNeverPassedOnAsComplete() {
        legacy().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));

        RawHttp.Response response = RawHttp.send(
                gateway.gateway().port(),
                "POST /api/upload HTTP/1.1",
                List.of("Content-Length: 1000"),
                "only ten b".getBytes(StandardCharsets.US_ASCII),
                true);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("urn:miro-gateway:problem:request-body-incomplete");
        assertThat(legacy().getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1024})
    void bodyUpToTheLimitIsForwarded(int size) throws Exception {
        legacy().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)));

        HttpResponse<String> response = send("PUT", "/api/upload", "z".repeat(size));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(legacy().getAllServeEvents().get(0).getRequest().getBody()).hasSize(size);
    }
}
