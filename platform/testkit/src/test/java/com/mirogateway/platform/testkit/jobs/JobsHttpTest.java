package com.mirogateway.platform.testkit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.testkit.LogLines;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The queue through HTTP: the job status route, the ops endpoints, plugin lifecycle, logs, metrics and health. */
class JobsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(DemoPlugins.worker())
            .plugin(DemoPlugins.producer())
            .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
            .config("jobs.backoff-base", "PT0.1S")
            .config("jobs.backoff-cap", "PT0.2S")
            .config("jobs.poll-interval", "PT0.2S")
            .config("jobs.reap-interval", "PT0.5S")
            .build();

    @Test
    void enqueueAnswers202WithLocationAndTheJobSucceeds() {
        HttpResponse<String> accepted = send("POST", "/api/demo/jobs", "{\"sleepMs\":10}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/api/jobs/");

        JsonNode job = awaitState(location, "succeeded");
        assertThat(job.path("type").asText()).isEqualTo(DemoJobsPlugin.TYPE);
        assertThat(job.path("attempts").asInt()).isEqualTo(1);
        assertThat(job.path("createdAt").asText()).isNotEmpty();
        assertThat(job.path("finishedAt").asText()).isNotEmpty();
        assertThat(job.path("lastError").isNull()).isTrue();
        assertThat(job.has("payload")).as("no internals").isFalse();
    }

    @Test
    void unknownJobIsAProblemFromTheHostNotTheLegacyService() {
        HttpResponse<String> missing = send("GET", "/api/jobs/no-such-job", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(parse(missing.body()).path("type").asText()).isEqualTo("urn:miro-gateway:problem:job-not-found");
    }

    @Test
    void deadJobIsListedAndCanBeRetriedOrDeletedFromAdmin() {
        String location = location(send("POST", "/api/demo/jobs?maxAttempts=1", "{\"failTimes\":1}"));
        String id = location.substring("/api/jobs/".length());
        JsonNode dead = awaitState(location, "dead");
        assertThat(dead.path("lastError").asText()).contains("demo failure 1");

        JsonNode page = parse(send("GET", "/admin/jobs?state=dead&type=demo.work&limit=100", null)
                .body());
        assertThat(page.path("data").findValuesAsText("id")).contains(id);
        assertThat(page.has("cursor")).as("last page").isFalse();

        HttpResponse<String> retried = send("POST", "/admin/jobs/" + id + "/retry", null);
        assertThat(retried.statusCode()).isEqualTo(200);
        awaitState(location, "succeeded");
        assertThat(send("POST", "/admin/jobs/" + id + "/retry", null).statusCode())
                .isEqualTo(409);

        assertThat(send("DELETE", "/admin/jobs/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", location, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/admin/jobs/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void adminJobsPagesWithACursorAndRejectsBadParameters() {
        for (int i = 0; i < 3; i++) {
            send("POST", "/api/demo/jobs", "{}");
        }
        JsonNode first = parse(send("GET", "/admin/jobs?limit=2", null).body());
        assertThat(first.path("data")).hasSize(2);
        String cursor = first.path("cursor").asText();
        assertThat(cursor).isNotEmpty();
        JsonNode next =
                parse(send("GET", "/admin/jobs?limit=2&cursor=" + cursor, null).body());
        assertThat(next.path("data").get(0).path("id").asText())
                .isNotEqualTo(first.path("data").get(1).path("id").asText());

        for (String bad : List.of("state=bogus", "limit=0", "limit=x", "limit=501", "cursor=%21%21")) {
            HttpResponse<String> response = send("GET", "/admin/jobs?" + bad, null);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(parse(response.body()).path("type").asText()).isEqualTo("urn:miro-gateway:problem:bad-request");
        }
    }

    @Test
    void jobsOfADisabledPluginWaitAndRunOnceItIsEnabled() {
        assertThat(send("POST", "/admin/plugins/demo-jobs/disable", null).statusCode())
                .isEqualTo(200);
        try {
            String location = location(send("POST", "/api/demo/jobs", "{}"));
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> state(location).equals("queued"));
            assertThat(send("POST", "/admin/plugins/demo-jobs/enable", null).statusCode())
                    .isEqualTo(200);
            awaitState(location, "succeeded");
        } finally {
            send("POST", "/admin/plugins/demo-jobs/enable", null);
        }
    }

    @Test
    void disablingThePluginDrainsItsRunningJob() {
        String location = location(send("POST", "/api/demo/jobs", "{\"sleepMs\":1500}"));
        await().until(() -> state(location).equals("running"));
        CompletableFuture<HttpResponse<String>> disable =
                CompletableFuture.supplyAsync(() -> send("POST", "/admin/plugins/demo-jobs/disable", null));
        try {
            assertThat(disable.join().statusCode()).isEqualTo(200);
            assertThat(state(location)).as("the disable waited for the job").isEqualTo("succeeded");
        } finally {
            send("POST", "/admin/plugins/demo-jobs/enable", null);
        }
    }

    @Test
    void aFailedAttemptIsLoggedOnceWithJobTypeAttemptNextRunAndTheEnqueuersRequestId() {
        AtomicReference<String> id = new AtomicReference<>();
        List<String> lines = LogLines.during("com.mirogateway.platform.host.jobs.JobWorkers", () -> {
            HttpResponse<String> accepted = send(HttpRequest.newBuilder(gateway.uri("/api/demo/jobs"))
                    .header("X-Request-Id", "req-jobs-log-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"failTimes\":1}"))
                    .build());
            String location = location(accepted);
            id.set(location.substring("/api/jobs/".length()));
            awaitState(location, "succeeded");
        });
        List<JsonNode> failures = lines.stream()
                .map(JobsHttpTest::parse)
                .filter(line -> line.path("msg").asText().contains(id.get()))
                .toList();
        assertThat(failures).singleElement().satisfies(line -> {
            assertThat(line.path("requestId").asText()).isEqualTo("req-jobs-log-1");
            assertThat(line.path("msg").asText())
                    .contains("type=demo.work")
                    .contains("attempt=1/")
                    .contains("next run: 20")
                    .contains("demo failure 1");
        });
    }

    @Test
    void metricsShowTheQueueAndReadinessChecksTheStore() {
        String location = location(send("POST", "/api/demo/jobs", "{}"));
        awaitState(location, "succeeded");
        await().untilAsserted(
                        () -> assertThat(send("GET", "/observe/metrics", null).body())
                                .contains("gateway_jobs{")
                                .contains("gateway_jobs_attempts_total")
                                .contains("gateway_jobs_start_latency"));
        HttpResponse<String> health = send("GET", "/observe/health/ready", null);
        assertThat(health.statusCode()).isIn(200, 204);
        JsonNode checks = parse(send("GET", "/observe/health", null).body()).path("checks");
        assertThat(checks.findValuesAsText("name")).contains("store");
    }

    private static JsonNode awaitState(String location, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> state(location).equals(state));
        return parse(send("GET", location, null).body());
    }

    private static String state(String location) {
        return parse(send("GET", location, null).body()).path("state").asText();
    }

    private static String location(HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).isEqualTo(202);
        return accepted.headers().firstValue("Location").orElseThrow();
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        URI uri = path.startsWith("http") ? URI.create(path) : gateway.uri(path);
        return send(HttpRequest.newBuilder(uri)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }
}
