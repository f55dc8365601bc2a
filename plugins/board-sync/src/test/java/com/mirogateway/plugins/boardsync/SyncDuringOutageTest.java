package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Board syncs while Miro is unavailable wait for it without spending attempts: requested or retried while the circuit
 * is open, or answered 503 with Retry-After. Attempts fail fast here (3 attempts, 0.1–0.2 s apart), so a sync that
 * counted these as failures would be dead long before Miro is back. The circuit test runs last: it leaves the breaker's
 * window full of failures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncDuringOutageTest {
    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("miro.retry.attempts", "1")
            .config("miro.circuit-breaker.volume", "4")
            .config("miro.circuit-breaker.error-ratio", "50")
            .config("miro.circuit-breaker.delay", "PT5S")
            .config("jobs.max-attempts", "3")
            .config("jobs.backoff-base", "PT0.1S")
            .config("jobs.backoff-cap", "PT0.2S")
            .config("jobs.poll-interval", "PT0.2S")
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    @Test
    @Order(1)
    void aSyncAnswered503WithRetryAfterWaitsForItWithoutSpendingAnAttempt() {
        String board = "uXjVmaint=";
        String path = MiroStub.boardPath(board);
        miro.stub(get(urlPathEqualTo(path))
                .inScenario(board)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3"))
                .willSetStateTo("back"));
        miro.stub(get(urlPathEqualTo(path))
                .inScenario(board)
                .whenScenarioStateIs("back")
                .willReturn(MiroStub.json(MiroStub.boardJson(board, "After maintenance"))));
        List<Long> ids = miro.items(board, 3, 10, 3458764517517860000L);

        JsonNode job = awaitEnd(requestSync("uXjVmaint%3D"));

        assertThat(job.path("state").asText()).isEqualTo("succeeded");
        assertThat(job.path("attempts").asInt()).as("the put-off is no attempt").isEqualTo(1);
        List<LoggedRequest> calls = miro.server().findAll(getRequestedFor(urlPathEqualTo(path))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .toList();
        assertThat(calls).hasSize(2);
        assertThat(Duration.between(
                                calls.get(0).getLoggedDate().toInstant(),
                                calls.get(1).getLoggedDate().toInstant())
                        .toMillis())
                .as("not asked again before Retry-After")
                .isGreaterThanOrEqualTo(3000);
        assertThat(Http.get(gateway.uri("/api/boards/uXjVmaint%3D/items/" + ids.getFirst()))
                        .headers()
                        .firstValue("X-Cache"))
                .contains("HIT");
    }

    @Test
    @Order(2)
    void syncsRequestedOrRetriedWhileTheCircuitIsOpenWaitForMiroWithoutSpendingAttempts() {
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjVgone="))).willReturn(MiroStub.error(404, "notFound")));
        String dead = requestSync("uXjVgone%3D");
        assertThat(awaitEnd(dead).path("state").asText()).isEqualTo("dead");
        miro.stub(get(urlPathMatching("/v2/boards/.*"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Http.get(gateway.uri("/api/boards/uXjVopener%3D"))
                        .headers()
                        .firstValue("Retry-After")
                        .isPresent()); // only an open circuit knows when to come back

        String requested = requestSync("uXjVwaits%3D");
        assertThat(Http.post(gateway.uri("/admin/jobs/" + dead.substring("/api/jobs/".length()) + "/retry"), "")
                        .statusCode())
                .isEqualTo(200);
        for (String location : List.of(requested, dead)) {
            await().atMost(Duration.ofSeconds(4))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> job(location).path("lastError").asText().contains("circuit breaker open"));
            JsonNode waiting = job(location);
            assertThat(waiting.path("state").asText()).isEqualTo("queued");
            assertThat(waiting.path("attempts").asInt()).isZero();
        }
        miro.board("uXjVwaits=", "Waited");
        List<Long> waited = miro.items("uXjVwaits=", 2, 10, 3458764517517870000L);
        miro.board("uXjVgone=", "Back again");
        miro.items("uXjVgone=", 1, 10, 3458764517517880000L);

        for (String location : List.of(requested, dead)) {
            JsonNode job = awaitEnd(location);
            assertThat(job.path("state").asText()).isEqualTo("succeeded");
            assertThat(job.path("attempts").asInt()).isEqualTo(1);
        }
        assertThat(miro.gets(MiroStub.boardPath("uXjVwaits=")))
                .as("Miro was not called while the circuit was open")
                .isEqualTo(1);
        assertThat(Http.get(gateway.uri("/api/boards/uXjVwaits%3D/items/" + waited.getLast()))
                        .headers()
                        .firstValue("X-Cache"))
                .contains("HIT");
    }

    private static String requestSync(String encodedBoardId) {
        HttpResponse<String> response = Http.post(gateway.uri("/api/boards/" + encodedBoardId + "/sync"), "");
        assertThat(response.statusCode()).isEqualTo(202);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static JsonNode job(String location) {
        return Http.json(Http.get(gateway.uri(location)));
    }

    private static JsonNode awaitEnd(String location) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Set.of("succeeded", "dead")
                        .contains(job(location).path("state").asText()));
        return job(location);
    }
}
