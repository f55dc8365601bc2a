package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Board syncs: whole boards over many pages, removal of deleted items, idempotent requests, the rate budget. */
class BoardSyncJobTest {
    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("jobs.poll-interval", "PT0.2S")
            .config("jobs.backoff-base", "PT0.5S")
            .config("plugins.board-sync.sync.page-size", "40")
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    private static String requestSync(String encodedBoardId) {
        HttpResponse<String> response = Http.post(gateway.uri("/api/boards/" + encodedBoardId + "/sync"), "");
        assertThat(response.statusCode()).isEqualTo(202);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/api/jobs/");
        assertThat(Http.json(response).path("jobId").asText()).isEqualTo(location.substring("/api/jobs/".length()));
        return location;
    }

    private static JsonNode awaitJob(String location, String state) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Http.json(Http.get(gateway.uri(location)))
                        .path("state")
                        .asText()
                        .equals(state));
        return Http.json(Http.get(gateway.uri(location)));
    }

    private static long cachedItems() {
        return Http.json(Http.get(gateway.uri("/admin/cache")))
                .path("entries")
                .path("items")
                .asLong();
    }

    @Test
    void thousandItemBoardIsSyncedOverTwentyFivePages() {
        String board = "uXjVbig=";
        miro.board(board, "Big");
        List<Long> ids = miro.items(board, 1000, 40, 3458764517517810000L);
        long before = cachedItems();

        JsonNode job = awaitJob(requestSync("uXjVbig%3D"), "succeeded");

        assertThat(job.path("attempts").asInt()).isEqualTo(1);
        assertThat(miro.gets(MiroStub.boardPath(board) + "/items")).isEqualTo(25);
        assertThat(miro.count(getRequestedFor(urlPathEqualTo(MiroStub.boardPath(board) + "/items"))
                        .withQueryParam("limit", WireMock.equalTo("40"))))
                .isEqualTo(25);
        assertThat(cachedItems() - before).isEqualTo(1000);
        for (long id : List.of(ids.getFirst(), ids.get(500), ids.getLast())) {
            HttpResponse<String> item = Http.get(gateway.uri("/api/boards/uXjVbig%3D/items/" + id));
            assertThat(item.headers().firstValue("X-Cache")).contains("HIT");
        }
        assertThat(Http.get(gateway.uri("/api/boards/uXjVbig%3D")).headers().firstValue("X-Cache"))
                .contains("HIT");
    }

    @Test
    void itemsDeletedInMiroAreRemovedByTheNextSync() {
        String board = "uXjVshrink=";
        miro.board(board, "Shrinking");
        List<Long> ids = miro.items(board, 30, 10, 3458764517517820000L);
        awaitJob(requestSync("uXjVshrink%3D"), "succeeded");
        assertThat(Http.get(gateway.uri("/api/boards/uXjVshrink%3D/items/" + ids.get(25)))
                        .headers()
                        .firstValue("X-Cache"))
                .contains("HIT");

        miro.server().resetMappings();
        miro.board(board, "Shrinking");
        miro.items(board, 20, 10, 3458764517517820000L);
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath(board) + "/items/" + ids.get(25)))
                .willReturn(MiroStub.error(404, "notFound")));
        awaitJob(requestSync("uXjVshrink%3D"), "succeeded");

        HttpResponse<String> kept = Http.get(gateway.uri("/api/boards/uXjVshrink%3D/items/" + ids.get(5)));
        HttpResponse<String> removed = Http.get(gateway.uri("/api/boards/uXjVshrink%3D/items/" + ids.get(25)));
        assertThat(kept.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(removed.statusCode())
                .as("no longer cached, and gone in Miro")
                .isEqualTo(404);
    }

    @Test
    void requestsWhileASyncIsQueuedOrRunningGetThatSync() {
        String board = "uXjVonce=";
        miro.board(board, "Once");
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath(board) + "/items"))
                .willReturn(MiroStub.json(MiroStub.itemsPage(
                                List.of(MiroStub.itemJson(board, 3458764517517830000L, "text", "t")), 1, null))
                        .withFixedDelay(1500)));

        String first = requestSync("uXjVonce%3D");
        String second = requestSync("uXjVonce%3D");
        awaitJob(first, "running");
        String third = requestSync("uXjVonce%3D");
        awaitJob(first, "succeeded");
        String afterwards = requestSync("uXjVonce%3D");

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(afterwards)
                .as("a finished sync does not absorb new requests")
                .isNotEqualTo(first);
        awaitJob(afterwards, "succeeded");
    }

    @Test
    void spentRateBudgetPutsTheSyncOffWithoutSpendingAnAttempt() {
        String board = "uXjVbudget=";
        miro.board(board, "Budget");
        String path = MiroStub.boardPath(board) + "/items";
        List<String> firstPage = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            firstPage.add(MiroStub.itemJson(board, 3458764517517840000L + i, "shape", "s"));
        }
        long reset = Instant.now().getEpochSecond() + 2;
        miro.stub(get(urlPathEqualTo(path))
                .withQueryParam("cursor", WireMock.absent())
                .willReturn(MiroStub.json(MiroStub.itemsPage(firstPage, 4, "next"))
                        .withHeader("X-RateLimit-Limit", "100000")
                        .withHeader("X-RateLimit-Remaining", "15000")
                        .withHeader("X-RateLimit-Reset", Long.toString(reset))));
        miro.stub(get(urlPathEqualTo(path))
                .withQueryParam("cursor", WireMock.equalTo("next"))
                .willReturn(MiroStub.json(MiroStub.itemsPage(
                        List.of(MiroStub.itemJson(board, 3458764517517840009L, "shape", "s")), 4, null))));

        String location = requestSync("uXjVbudget%3D");
        JsonNode job = awaitJob(location, "succeeded");

        assertThat(job.path("attempts").asInt())
                .as("a put-off is not an attempt")
                .isEqualTo(1);
        assertThat(miro.count(getRequestedFor(urlPathEqualTo(path)).withQueryParam("cursor", WireMock.absent())))
                .as("the sync resumed at the page it stopped at")
                .isEqualTo(1);
        assertThat(Instant.parse(job.path("finishedAt").asText()).getEpochSecond())
                .as("the second page was not fetched before Miro's reset")
                .isGreaterThanOrEqualTo(reset);
    }

    @Test
    void unknownBoardEndsTheSyncAtOnce() {
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjVnone="))).willReturn(MiroStub.error(404, "notFound")));

        JsonNode job = awaitJob(requestSync("uXjVnone%3D"), "dead");

        assertThat(job.path("attempts").asInt()).isEqualTo(1);
        assertThat(job.path("lastError").asText()).contains("uXjVnone=");
    }

    @Test
    void malformedBoardIdIsRejected() {
        assertThat(Http.post(gateway.uri("/api/boards/no%21/sync"), "").statusCode())
                .isEqualTo(400);
    }
}
