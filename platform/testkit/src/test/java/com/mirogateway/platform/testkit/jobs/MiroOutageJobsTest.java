package com.mirogateway.platform.testkit.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Any plugin's job that lets the Miro client's exception escape while Miro is unavailable (429 or 503 with
 * {@code Retry-After}, circuit open) is put off until Miro may answer, without spending attempts; WireMock plays Miro.
 * Attempts fail fast here (3 attempts, 0.1–0.2 s apart), so a put-off treated as a failure would be dead long before
 * Miro is back. The circuit test runs last: it leaves the breaker's window full of failures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MiroOutageJobsTest {
    private static final WireMockServer MIRO = startMiro();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(DemoPlugins.producer())
            .plugin(PluginJar.of("miro-caller").classes(MiroCallerPlugin.class))
            .config("miro.base-url", MIRO.baseUrl())
            .config("miro.retry.attempts", "1")
            .config("miro.circuit-breaker.volume", "4")
            .config("miro.circuit-breaker.error-ratio", "50")
            .config("miro.circuit-breaker.delay", "PT5S")
            .config("jobs.max-attempts", "3")
            .config("jobs.backoff-base", "PT0.1S")
            .config("jobs.backoff-cap", "PT0.2S")
            .config("jobs.poll-interval", "PT0.2S")
            .build();

    private static WireMockServer startMiro() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @AfterAll
    static void stopMiro() {
        MIRO.stop();
    }

    @Test
    @Order(1)
    void a429WithRetryAfterPutsTheJobOffUntilThenWithoutSpendingAnAttempt() {
        answerOnceThenServe("limited", aResponse().withStatus(429).withHeader("Retry-After", "2"));

        JsonNode job = awaitEnd(enqueue("limited", 3));

        assertThat(job.path("state").asText()).isEqualTo("succeeded");
        assertThat(job.path("attempts").asInt()).as("the put-off is no attempt").isEqualTo(1);
        assertThat(millisBetweenCalls("limited")).isGreaterThanOrEqualTo(2000);
    }

    @Test
    @Order(2)
    void a503WithRetryAfterPutsTheJobOffUntilThenWithoutSpendingAnAttempt() {
        answerOnceThenServe("maintenance", aResponse().withStatus(503).withHeader("Retry-After", "3"));

        JsonNode job = awaitEnd(enqueue("maintenance", 3));

        assertThat(job.path("state").asText()).isEqualTo("succeeded");
        assertThat(job.path("attempts").asInt()).as("the put-off is no attempt").isEqualTo(1);
        assertThat(millisBetweenCalls("maintenance")).isGreaterThanOrEqualTo(3000);
    }

    @Test
    @Order(3)
    void jobsEnqueuedOrRetriedWhileTheCircuitIsOpenWaitForItWithoutSpendingAttempts() {
        MIRO.stubFor(get(urlPathMatching("/v2/boards/.*"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String dead = enqueue("earlier", 1);
        assertThat(awaitEnd(dead).path("state").asText()).isEqualTo("dead");
        openCircuit();

        String fresh = enqueue("fresh", 3);
        assertThat(TestHttp.post(gateway.uri("/admin/jobs/" + id(dead) + "/retry"), "")
                        .statusCode())
                .isEqualTo(200);
        for (String location : List.of(fresh, dead)) {
            await().atMost(Duration.ofSeconds(4))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> job(location).path("lastError").asText().contains("circuit breaker open"));
            JsonNode waiting = job(location);
            assertThat(waiting.path("state").asText()).isEqualTo("queued");
            assertThat(waiting.path("attempts").asInt()).isZero();
        }
        MIRO.stubFor(get(urlPathMatching("/v2/boards/.*")).willReturn(okJson("{\"type\":\"board\"}")));

        for (String location : List.of(fresh, dead)) {
            JsonNode job = awaitEnd(location);
            assertThat(job.path("state").asText()).isEqualTo("succeeded");
            assertThat(job.path("attempts").asInt()).isEqualTo(1);
        }
        assertThat(MIRO.findAll(getRequestedFor(urlPathEqualTo("/v2/boards/fresh"))))
                .as("Miro was not called while the circuit was open")
                .hasSize(1);
    }

    /** Fails calls (one job each) until a job finds the circuit open. */
    private static void openCircuit() {
        for (int i = 0; i < 8; i++) {
            String location = enqueue("breaker" + i, 1);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> job(location).path("state").asText().equals("dead")
                            || job(location).path("lastError").asText().contains("circuit breaker open"));
            if (job(location).path("lastError").asText().contains("circuit breaker open")) {
                return;
            }
        }
        throw new AssertionError("the circuit did not open");
    }

    private static void answerOnceThenServe(String board, ResponseDefinitionBuilder first) {
        String path = "/v2/boards/" + board;
        MIRO.stubFor(get(urlPathEqualTo(path))
                .inScenario(board)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first)
                .willSetStateTo("answered"));
        MIRO.stubFor(get(urlPathEqualTo(path))
                .inScenario(board)
                .whenScenarioStateIs("answered")
                .willReturn(okJson("{\"id\":\"" + board + "\",\"type\":\"board\"}")));
    }

    private static long millisBetweenCalls(String board) {
        List<LoggedRequest> calls = MIRO.findAll(getRequestedFor(urlPathEqualTo("/v2/boards/" + board))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .toList();
        assertThat(calls)
                .as("Miro was called once before the put-off and once after")
                .hasSize(2);
        return Duration.between(
                        calls.get(0).getLoggedDate().toInstant(),
                        calls.get(1).getLoggedDate().toInstant())
                .toMillis();
    }

    private static String enqueue(String board, int maxAttempts) {
        HttpResponse<String> accepted = TestHttp.post(
                gateway.uri("/api/demo/jobs?type=" + MiroCallerPlugin.TYPE + "&maxAttempts=" + maxAttempts),
                "{\"boardId\":\"" + board + "\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        return accepted.headers().firstValue("Location").orElseThrow();
    }

    private static JsonNode job(String location) {
        return TestHttp.json(TestHttp.get(gateway.uri(location)));
    }

    private static JsonNode awaitEnd(String location) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Set.of("succeeded", "dead")
                        .contains(job(location).path("state").asText()));
        return job(location);
    }

    private static String id(String location) {
        return location.substring("/api/jobs/".length());
    }
}
