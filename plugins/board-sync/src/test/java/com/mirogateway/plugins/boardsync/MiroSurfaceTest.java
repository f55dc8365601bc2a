package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Miro's own paths at the root: cached reads, writes passed through and applied to the cache, Miro's errors. */
class MiroSurfaceTest {
    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("miro.rate-limit.max-wait", "PT0S")
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    @Test
    void readsAreServedFromTheCacheUnderMirosPaths() {
        miro.board("uXjVv2=", "Under v2");
        miro.items("uXjVv2=", 2, 10, 3458764517517870000L);

        HttpResponse<String> board = Http.get(gateway.uri("/v2/boards/uXjVv2%3D"));
        HttpResponse<String> again = Http.get(gateway.uri("/v2/boards/uXjVv2%3D"));
        HttpResponse<String> items = Http.get(gateway.uri("/v2/boards/uXjVv2%3D/items?limit=10"));
        HttpResponse<String> item = Http.get(gateway.uri("/v2/boards/uXjVv2%3D/items/3458764517517870001"));

        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(Http.json(board).path("type").asText()).isEqualTo("board");
        assertThat(again.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(Http.json(items).path("total").asInt()).isEqualTo(2);
        assertThat(item.headers().firstValue("X-Cache")).contains("HIT");
    }

    @Test
    void createdStickyNoteIsCachedFromMirosAnswer() {
        String board = "uXjVcreate=";
        miro.items(board, 1, 10, 3458764517517880000L);
        String created = MiroStub.itemJson(board, 3458764517517889999L, "sticky_note", "Hello");
        miro.stub(post(urlPathEqualTo(MiroStub.boardPath(board) + "/sticky_notes"))
                .withRequestBody(equalToJson("{\"data\":{\"content\":\"Hello\"}}"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(created)));
        Http.get(gateway.uri("/v2/boards/uXjVcreate%3D/items"));

        HttpResponse<String> response =
                Http.post(gateway.uri("/v2/boards/uXjVcreate%3D/sticky_notes"), "{\"data\":{\"content\":\"Hello\"}}");
        HttpResponse<String> readBack = Http.get(gateway.uri("/v2/boards/uXjVcreate%3D/items/3458764517517889999"));
        HttpResponse<String> list = Http.get(gateway.uri("/v2/boards/uXjVcreate%3D/items"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(Http.json(response).path("id").asText()).isEqualTo("3458764517517889999");
        assertThat(readBack.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(Http.json(readBack).path("data").path("content").asText()).isEqualTo("Hello");
        assertThat(list.headers().firstValue("X-Cache"))
                .as("lists are revalidated after a write")
                .contains("MISS");
        assertThat(miro.count(postRequestedFor(urlPathEqualTo(MiroStub.boardPath(board) + "/sticky_notes"))))
                .isEqualTo(1);
    }

    @Test
    void changedAndDeletedItemsUpdateTheCache() {
        String board = "uXjVchange=";
        long id = 3458764517517890000L;
        miro.items(board, 1, 10, id);
        Http.get(gateway.uri("/v2/boards/uXjVchange%3D/items"));
        miro.stub(patch(urlPathEqualTo(MiroStub.boardPath(board) + "/sticky_notes/" + id))
                .willReturn(MiroStub.json(MiroStub.itemJson(board, id, "sticky_note", "Changed"))));
        miro.stub(delete(urlPathEqualTo(MiroStub.boardPath(board) + "/items/" + id))
                .willReturn(aResponse().withStatus(204)));
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath(board) + "/items/" + id))
                .willReturn(MiroStub.error(404, "notFound")));

        HttpResponse<String> patched = Http.method(
                gateway.uri("/v2/boards/uXjVchange%3D/sticky_notes/" + id), "PATCH", "{\"data\":{\"content\":\"x\"}}");
        JsonNode afterPatch = Http.json(Http.get(gateway.uri("/v2/boards/uXjVchange%3D/items/" + id)));
        HttpResponse<String> deleted = Http.method(gateway.uri("/v2/boards/uXjVchange%3D/items/" + id), "DELETE", null);
        HttpResponse<String> afterDelete = Http.get(gateway.uri("/v2/boards/uXjVchange%3D/items/" + id));

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(afterPatch.path("data").path("content").asText()).isEqualTo("Changed");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(afterDelete.statusCode()).isEqualTo(404);
        assertThat(Http.json(afterDelete).path("code").asText()).isEqualTo("notFound");
        assertThat(Http.json(afterDelete).path("type").asText()).isEqualTo("error");
    }

    @Test
    void bulkCreatedItemsAreCached() {
        String board = "uXjVbulk=";
        miro.stub(post(urlPathEqualTo(MiroStub.boardPath(board) + "/items/bulk"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":[" + MiroStub.itemJson(board, 3458764517517891111L, "text", "a") + ","
                                + MiroStub.itemJson(board, 3458764517517892222L, "text", "b")
                                + "],\"type\":\"bulk\"}")));

        HttpResponse<String> response = Http.post(gateway.uri("/v2/boards/uXjVbulk%3D/items/bulk"), "[{},{}]");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(Http.get(gateway.uri("/v2/boards/uXjVbulk%3D/items/3458764517517892222"))
                        .headers()
                        .firstValue("X-Cache"))
                .contains("HIT");
    }

    @Test
    void typedItemsAreReadThroughTheCache() {
        String board = "uXjVtyped=";
        long id = 3458764517517893333L;
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath(board) + "/sticky_notes/" + id))
                .willReturn(MiroStub.json(MiroStub.itemJson(board, id, "sticky_note", "Typed"))));

        HttpResponse<String> first = Http.get(gateway.uri("/v2/boards/uXjVtyped%3D/sticky_notes/" + id));
        HttpResponse<String> second = Http.get(gateway.uri("/v2/boards/uXjVtyped%3D/sticky_notes/" + id));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
    }

    @Test
    void errorsComeBackInMirosShape() {
        miro.stub(post(urlPathEqualTo(MiroStub.boardPath("uXjVerr=") + "/sticky_notes"))
                .willReturn(MiroStub.error(400, "invalidParameters")));

        HttpResponse<String> refused = Http.post(gateway.uri("/v2/boards/uXjVerr%3D/sticky_notes"), "{}");
        HttpResponse<String> badId = Http.get(gateway.uri("/v2/boards/bad%21id"));
        HttpResponse<String> noSuchCollection = Http.post(gateway.uri("/v2/boards/uXjVerr%3D/unicorns"), "{}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Http.json(refused).path("code").asText()).isEqualTo("invalidParameters");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(Http.json(badId).path("code").asText()).isEqualTo("invalidParameters");
        assertThat(Http.json(badId).path("type").asText()).isEqualTo("error");
        assertThat(noSuchCollection.statusCode()).isEqualTo(404);
        assertThat(Http.json(noSuchCollection).path("code").asText()).isEqualTo("notFound");
    }
}
