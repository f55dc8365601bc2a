package com.mirogateway.platform.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mirogateway.platform.testkit.plugins.MiroPassThroughPlugin;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A handler that lets the SDK's Miro exceptions escape answers what {@code toProblem()} says, not 500. */
class MiroExceptionEdgeTest {
    static final WireMockServer MIRO = started();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("raw").classes(MiroPassThroughPlugin.class))
            .config("miro.base-url", MIRO.baseUrl())
            .config("miro.rate-limit.max-wait", "PT0S")
            .config("miro.retry.attempts", "1")
            .build();

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @AfterAll
    static void stopMiro() {
        MIRO.stop();
    }

    @Test
    void boardMiroDoesNotHaveIs404() {
        MIRO.stubFor(get(urlPathEqualTo("/v2/boards/missing"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"status\":404,\"code\":\"notFound\",\"message\":\"no board\",\"type\":\"error\"}")));

        HttpResponse<String> response = Http.get(gateway.uri("/api/raw-boards/missing"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(Json.parse(response.body()).path("type").asText())
                .isEqualTo("urn:miro-gateway:problem:miro-not-found");
    }

    @Test
    void miroRateLimitIsA503WithRetryAfter() {
        MIRO.stubFor(get(urlPathEqualTo("/v2/boards/busy"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        HttpResponse<String> response = Http.get(gateway.uri("/api/raw-boards/busy"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(Json.parse(response.body()).path("type").asText())
                .isEqualTo("urn:miro-gateway:problem:miro-rate-limited");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void miroFailingIsNotA500() {
        MIRO.stubFor(
                get(urlPathEqualTo("/v2/boards/broken")).willReturn(aResponse().withStatus(503)));

        HttpResponse<String> response = Http.get(gateway.uri("/api/raw-boards/broken"));

        assertThat(response.statusCode()).as(response.body()).isIn(502, 503, 504);
        assertThat(Json.parse(response.body()).path("type").asText()).startsWith("urn:miro-gateway:problem:miro-");
    }
}
