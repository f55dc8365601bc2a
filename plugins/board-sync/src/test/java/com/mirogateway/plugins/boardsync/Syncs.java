package com.mirogateway.plugins.boardsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Runs board syncs through a gateway's API in tests. */
final class Syncs {
    private Syncs() {}

    /** Requests a sync and returns its job's location. */
    static String request(TestGateway gateway, String encodedBoardId) {
        HttpResponse<String> response = Http.post(gateway.uri("/api/boards/" + encodedBoardId + "/sync"), "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** Waits until a job succeeded. */
    static void awaitSuccess(TestGateway gateway, String location) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(Http.json(Http.get(gateway.uri(location)))
                                .path("state")
                                .asText())
                        .isEqualTo("succeeded"));
    }

    /** Syncs a board and waits until the sync succeeded. */
    static void run(TestGateway gateway, String encodedBoardId) {
        awaitSuccess(gateway, request(gateway, encodedBoardId));
    }
}
