package com.mirogateway.plugins.legacyproxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The breaker opens on transport failures only, answers 503 while open, and closes once legacy recovers. */
class CircuitBreakerTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .legacyStub()
            .config("legacy.circuit-breaker.volume", "4")
            .config("legacy.circuit-breaker.error-ratio", "50")
            .config("legacy.circuit-breaker.delay", "PT1S")
            .config("legacy.circuit-breaker.success-threshold", "1")
            .build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static WireMockServer legacy() {
        return gateway.legacy().orElseThrow();
    }

    private static int status(String method) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(gateway.uri("/api/flaky"))
                        .timeout(Duration.ofSeconds(20))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503) {
            assertThat(response.headers().firstValue("Retry-After")).contains("1");
        }
        return response.statusCode();
    }

    @Test
    void breakerOpensOnTransportFailuresOnlyAndClosesWhenLegacyRecovers() throws Exception {
        legacy().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("legacy bug")));
        for (int i = 0; i < 10; i++) {
            assertThat(status("POST"))
                    .as("legacy's own 500s are answers, not failures")
                    .isEqualTo(500);
        }

        legacy().stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        await().atMost(Duration.ofSeconds(10)).until(() -> status("POST") == 503);
        int callsWhenOpened = legacy().findAll(anyRequestedFor(anyUrl())).size();
        assertThat(status("POST")).isEqualTo(503);
        assertThat(legacy().findAll(anyRequestedFor(anyUrl())))
                .as("an open breaker does not call legacy")
                .hasSize(callsWhenOpened);

        legacy().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("back")));
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status("POST") == 200);
        assertThat(status("POST")).isEqualTo(200);
    }
}
