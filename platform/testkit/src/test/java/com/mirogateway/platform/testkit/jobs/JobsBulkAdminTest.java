package com.mirogateway.platform.testkit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ops console's job endpoints: counts by state and type, retry and delete of every job matching a filter. */
class JobsBulkAdminTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(DemoPlugins.worker())
            .plugin(DemoPlugins.producer())
            .config("jobs.poll-interval", "PT0.2S")
            .build();

    @Test
    void countsRetryAllAndDeleteAllActOnEveryJobMatchingTheFilterInOneCall() {
        for (int i = 0; i < 3; i++) {
            assertThat(TestHttp.post(gateway.uri("/api/demo/jobs?maxAttempts=1"), "{\"failTimes\":1000}")
                            .statusCode())
                    .isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> dead(counts()) == 3);
        JsonNode counts = counts();
        assertThat(counts.path("types").path(DemoJobsPlugin.TYPE).path("dead").asLong())
                .isEqualTo(3);
        assertThat(counts.path("states").path("queued").isNumber())
                .as("every state listed")
                .isTrue();

        List<String> firstRuns = jobs("dead").findValuesAsText("startedAt");
        JsonNode otherType =
                TestHttp.json(TestHttp.post(gateway.uri("/admin/jobs/retry?state=dead&type=no.such.type"), ""));
        assertThat(otherType.path("retried").asLong()).isZero();
        JsonNode retried = TestHttp.json(
                TestHttp.post(gateway.uri("/admin/jobs/retry?state=dead&type=" + DemoJobsPlugin.TYPE), ""));
        assertThat(retried.path("retried").asLong()).isEqualTo(3);
        await("each job ran again and died again")
                .atMost(Duration.ofSeconds(20))
                .until(() -> dead(counts()) == 3
                        && jobs("dead").findValuesAsText("startedAt").stream().noneMatch(firstRuns::contains));

        HttpResponse<String> deleted = TestHttp.delete(gateway.uri("/admin/jobs?state=dead"));
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(deleted).path("deleted").asLong()).isEqualTo(3);
        assertThat(dead(counts())).isZero();
    }

    @Test
    void bulkActionsRefuseFiltersTheyCannotApply() {
        for (String bad : List.of("", "?state=running", "?state=bogus")) {
            HttpResponse<String> response = TestHttp.delete(gateway.uri("/admin/jobs" + bad));
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(TestHttp.json(response).path("detail").asText()).as(bad).contains("state");
        }
        for (String bad : List.of("", "?state=queued", "?state=succeeded")) {
            HttpResponse<String> response = TestHttp.post(gateway.uri("/admin/jobs/retry" + bad), "");
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
        }
    }

    private static JsonNode counts() {
        HttpResponse<String> response = TestHttp.get(gateway.uri("/admin/jobs/counts"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestHttp.json(response);
    }

    private static long dead(JsonNode counts) {
        return counts.path("states").path("dead").asLong();
    }

    private static JsonNode jobs(String state) {
        return TestHttp.json(TestHttp.get(gateway.uri("/admin/jobs?state=" + state + "&limit=500")))
                .path("data");
    }
}
