package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Read-through: miss then hit, ids and queries as cache keys, single flight, 404s, and the ops endpoints. */
class ReadThroughTest {
    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    @Test
    void firstReadMissesThenHitsWithoutCallingMiro() {
        miro.board("uXjVmiss=", "Miss then hit");

        HttpResponse<String> first = Http.get(gateway.uri("/api/boards/uXjVmiss%3D"));
        HttpResponse<String> second = Http.get(gateway.uri("/api/boards/uXjVmiss%3D"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(first.headers().firstValue("Age")).contains("0");
        assertThat(first.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(Http.json(first).path("name").asText()).isEqualTo("Miss then hit");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(second.headers().firstValue("Age")).isPresent();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(miro.gets(MiroStub.boardPath("uXjVmiss="))).isEqualTo(1);
    }

    @Test
    void boardIdsAreDecodedAndKeyedExactly() {
        miro.board("uXjVkey=", "With equals");
        miro.board("uXjVkey", "Without equals");

        JsonNode with = Http.json(Http.get(gateway.uri("/api/boards/uXjVkey%3D")));
        JsonNode without = Http.json(Http.get(gateway.uri("/api/boards/uXjVkey")));
        JsonNode again = Http.json(Http.get(gateway.uri("/api/boards/uXjVkey=")));

        assertThat(with.path("name").asText()).isEqualTo("With equals");
        assertThat(without.path("name").asText()).isEqualTo("Without equals");
        assertThat(again.path("name").asText())
                .as("encoded and literal '=' are one key")
                .isEqualTo("With equals");
        assertThat(miro.count(getRequestedFor(WireMock.urlEqualTo("/v2/boards/uXjVkey%3D"))))
                .as("Miro gets the id percent-encoded, once")
                .isEqualTo(1);
    }

    @Test
    void malformedIdsAreRejectedWithoutCallingMiro() {
        HttpResponse<String> board = Http.get(gateway.uri("/api/boards/bad%21id"));
        HttpResponse<String> item = Http.get(gateway.uri("/api/boards/uXjVok%3D/items/not-digits"));

        assertThat(board.statusCode()).isEqualTo(400);
        assertThat(item.statusCode()).isEqualTo(400);
        assertThat(Http.json(item).path("type").asText()).isEqualTo("urn:miro-gateway:problem:invalid-path-parameter");
    }

    @Test
    void missingBoardStaysNotFound() {
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjVgone="))).willReturn(MiroStub.error(404, "notFound")));

        HttpResponse<String> response = Http.get(gateway.uri("/api/boards/uXjVgone%3D"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(Http.json(response).path("type").asText()).isEqualTo("urn:miro-gateway:problem:miro-not-found");
    }

    @Test
    void fiftyConcurrentMissesMakeOneCallToMiro() throws Exception {
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjVherd=")))
                .willReturn(
                        MiroStub.json(MiroStub.boardJson("uXjVherd=", "Herd")).withFixedDelay(500)));
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            responses.add(threads.submit(() -> {
                start.await();
                return Http.get(gateway.uri("/api/boards/uXjVherd%3D"));
            }));
        }
        start.countDown();
        for (Future<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
            assertThat(Http.json(response.get()).path("name").asText()).isEqualTo("Herd");
        }
        threads.close();

        assertThat(miro.gets(MiroStub.boardPath("uXjVherd="))).isEqualTo(1);
    }

    @Test
    void listKeysIncludeTheNormalisedQuery() {
        String board = "uXjVlist=";
        miro.items(board, 3, 10, 3458764517517800001L);
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath(board) + "/items"))
                .withQueryParam("type", WireMock.equalTo("frame"))
                .willReturn(MiroStub.json(MiroStub.itemsPage(List.of(), 0, null))));

        HttpResponse<String> all = Http.get(gateway.uri("/api/boards/uXjVlist%3D/items"));
        HttpResponse<String> allExplicit = Http.get(gateway.uri("/api/boards/uXjVlist%3D/items?limit=10"));
        HttpResponse<String> frames = Http.get(gateway.uri("/api/boards/uXjVlist%3D/items?type=frame"));
        HttpResponse<String> framesAgain = Http.get(gateway.uri("/api/boards/uXjVlist%3D/items?limit=10&type=frame"));

        assertThat(all.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(Http.json(all).path("total").asInt()).isEqualTo(3);
        assertThat(allExplicit.headers().firstValue("X-Cache"))
                .as("the default limit is part of the key")
                .contains("HIT");
        assertThat(frames.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(Http.json(frames).path("data")).isEmpty();
        assertThat(framesAgain.headers().firstValue("X-Cache"))
                .as("parameter order does not matter")
                .contains("HIT");
        assertThat(miro.gets(MiroStub.boardPath(board) + "/items")).isEqualTo(2);
    }

    @Test
    void itemsOfAListedPageAreCachedOneByOne() {
        String board = "uXjVpage=";
        List<Long> ids = miro.items(board, 2, 10, 3458764517517800101L);

        Http.get(gateway.uri("/api/boards/uXjVpage%3D/items"));
        HttpResponse<String> item = Http.get(gateway.uri("/api/boards/uXjVpage%3D/items/" + ids.get(1)));

        assertThat(item.statusCode()).isEqualTo(200);
        assertThat(item.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(Http.json(item).path("id").asText()).isEqualTo(ids.get(1).toString());
        assertThat(miro.gets(MiroStub.boardPath(board) + "/items/" + ids.get(1)))
                .isZero();
    }

    @Test
    void invalidListQueriesAreRejected() {
        assertThat(Http.get(gateway.uri("/api/boards/uXjVq%3D/items?limit=5")).statusCode())
                .isEqualTo(400);
        assertThat(Http.get(gateway.uri("/api/boards/uXjVq%3D/items?type=unicorn"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(Http.get(gateway.uri("/api/boards/uXjVq%3D/items?colour=red"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(Http.get(gateway.uri("/api/boards?limit=51")).statusCode()).isEqualTo(400);
        assertThat(Http.get(gateway.uri("/api/boards?sort=random")).statusCode())
                .isEqualTo(400);
        assertThat(miro.gets("/v2/boards/uXjVq%3D/items")).isZero();
    }

    @Test
    void boardListsAreOffsetPagedAndCachedPerQuery() {
        miro.stub(get(urlPathEqualTo("/v2/boards"))
                .willReturn(MiroStub.json("{\"data\":[" + MiroStub.boardJson("uXjVa=", "A")
                        + "],\"total\":1,\"size\":1,\"offset\":0,\"limit\":20,\"links\":{},\"type\":\"list\"}")));

        HttpResponse<String> first = Http.get(gateway.uri("/api/boards?sort=alphabetically"));
        HttpResponse<String> second = Http.get(gateway.uri("/api/boards?sort=alphabetically&offset=0"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Http.json(first).path("total").asInt()).isEqualTo(1);
        assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(miro.count(getRequestedFor(urlPathEqualTo("/v2/boards"))
                        .withQueryParam("sort", WireMock.equalTo("alphabetically"))
                        .withQueryParam("limit", WireMock.equalTo("20"))))
                .isEqualTo(1);
    }

    @Test
    void opsSeeCountsAndPurgeOneBoardOrAll() {
        miro.board("uXjVops=", "Ops");
        miro.board("uXjVkeep=", "Keep");
        Http.get(gateway.uri("/api/boards/uXjVops%3D"));
        Http.get(gateway.uri("/api/boards/uXjVops%3D"));
        Http.get(gateway.uri("/api/boards/uXjVkeep%3D"));

        JsonNode stats = Http.json(Http.get(gateway.uri("/admin/cache")));
        assertThat(stats.path("entries").path("boards").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.path("requests").path("hits").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("requests").path("hitRate").asDouble()).isBetween(0.0, 1.0);
        assertThat(stats.path("boards").findValuesAsText("boardId")).contains("uXjVops=", "uXjVkeep=");

        HttpResponse<String> purge = Http.method(gateway.uri("/admin/cache/boards/uXjVops%3D"), "DELETE", null);
        assertThat(purge.statusCode()).isEqualTo(200);
        assertThat(Http.json(purge).path("removed").path("boards").asLong()).isEqualTo(1);
        assertThat(Http.get(gateway.uri("/api/boards/uXjVops%3D")).headers().firstValue("X-Cache"))
                .contains("MISS");
        assertThat(Http.get(gateway.uri("/api/boards/uXjVkeep%3D")).headers().firstValue("X-Cache"))
                .contains("HIT");

        HttpResponse<String> all = Http.method(gateway.uri("/admin/cache"), "DELETE", null);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(Http.get(gateway.uri("/api/boards/uXjVkeep%3D")).headers().firstValue("X-Cache"))
                .contains("MISS");
    }
}
