package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.plugins.boardsync.testplugins.CacheEventsPlugin;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Another plugin (as the webhooks plugin will) applies item events to the cache through the BoardCache service. */
class BoardCacheServiceTest {
    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .plugin(PluginJar.of("cache-events").classes(CacheEventsPlugin.class))
            .config("miro.base-url", miro.baseUrl())
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    @Test
    void itemEventsChangeTheCacheWithoutCallingMiro() {
        String board = "uXjVevents=";
        long id = 3458764517517894444L;
        miro.items(board, 1, 10, 3458764517517894000L);
        miro.board(board, "Events");
        Http.get(gateway.uri("/api/boards/uXjVevents%3D/items"));
        Http.get(gateway.uri("/api/boards/uXjVevents%3D"));

        HttpResponse<String> changed = Http.post(
                gateway.uri("/api/test-events/uXjVevents%3D/items"),
                MiroStub.itemJson(board, id, "card", "From a webhook"));
        HttpResponse<String> item = Http.get(gateway.uri("/api/boards/uXjVevents%3D/items/" + id));
        HttpResponse<String> list = Http.get(gateway.uri("/api/boards/uXjVevents%3D/items"));

        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(item.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(Http.json(item).path("data").path("content").asText()).isEqualTo("From a webhook");
        assertThat(list.headers().firstValue("X-Cache"))
                .as("the board's lists are revalidated")
                .contains("MISS");
        assertThat(miro.gets(MiroStub.boardPath(board) + "/items/" + id)).isZero();

        assertThat(Http.method(gateway.uri("/api/test-events/uXjVevents%3D/items/" + id), "DELETE", null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(Http.get(gateway.uri("/api/boards/uXjVevents%3D/items/" + id))
                        .statusCode())
                .as("deleted from the cache, so asked from Miro, which does not know it")
                .isEqualTo(404);

        assertThat(Http.post(gateway.uri("/api/test-events/uXjVevents%3D/changed"), "")
                        .statusCode())
                .isEqualTo(204);
        assertThat(Http.get(gateway.uri("/api/boards/uXjVevents%3D")).headers().firstValue("X-Cache"))
                .as("a changed board is revalidated")
                .contains("MISS");
    }

    @Test
    void anItemEventOlderThanTheCachedCopyChangesNothing() {
        String board = "uXjVorder=";
        long id = 3458764517517895555L;
        String newer = item(board, id, "newer", "2026-03-01T10:00:00.500Z");
        String older = item(board, id, "older", "2026-03-01T10:00:00Z");
        String newest = item(board, id, "newest", "2026-03-01T10:00:01Z");

        assertThat(Http.post(gateway.uri("/api/test-events/uXjVorder%3D/items"), newer)
                        .statusCode())
                .isEqualTo(204);
        assertThat(Http.post(gateway.uri("/api/test-events/uXjVorder%3D/items"), older)
                        .statusCode())
                .as("half a second older, though its text sorts after the cached one's")
                .isEqualTo(409);
        assertThat(content(board, id)).isEqualTo("newer");
        assertThat(Http.post(gateway.uri("/api/test-events/uXjVorder%3D/items"), newer)
                        .statusCode())
                .as("the same copy again is stored again (a repeated delivery)")
                .isEqualTo(204);
        assertThat(Http.post(gateway.uri("/api/test-events/uXjVorder%3D/items"), newest)
                        .statusCode())
                .isEqualTo(204);
        assertThat(content(board, id)).isEqualTo("newest");
    }

    @Test
    void aLateNotFoundKeepsAnItemThatAnEventStoredWhileTheReadWaited() {
        String board = "uXjVlate404=";
        long id = 3458764517517896666L;
        String path = MiroStub.boardPath(board) + "/items/" + id;
        miro.stub(get(urlPathEqualTo(path))
                .willReturn(MiroStub.error(404, "notFound").withFixedDelay(3000)));

        CompletableFuture<HttpResponse<String>> read =
                CompletableFuture.supplyAsync(() -> Http.get(gateway.uri("/api/boards/uXjVlate404%3D/items/" + id)));
        await().atMost(Duration.ofSeconds(10)).until(() -> miro.gets(path) == 1);
        assertThat(Http.post(
                                gateway.uri("/api/test-events/uXjVlate404%3D/items"),
                                MiroStub.itemJson(board, id, "card", "Created meanwhile"))
                        .statusCode())
                .isEqualTo(204);

        assertThat(read.join().statusCode())
                .as("the read that asked before the event still gets Miro's answer")
                .isEqualTo(404);
        assertThat(content(board, id))
                .as("the 404 came for a question asked before the item was stored")
                .isEqualTo("Created meanwhile");
        assertThat(miro.gets(path)).isEqualTo(1);
    }

    private static String item(String board, long id, String content, String modifiedAt) {
        return MiroStub.itemJson(board, id, "card", content).replace("2026-01-02T00:00:00Z", modifiedAt);
    }

    private String content(String board, long id) {
        HttpResponse<String> item = Http.get(gateway.uri("/api/boards/" + board.replace("=", "%3D") + "/items/" + id));
        assertThat(item.headers().firstValue("X-Cache")).contains("HIT");
        return Http.json(item).path("data").path("content").asText();
    }
}
