package com.mirogateway.plugins.webhooks;

import static com.mirogateway.platform.testkit.TestHttp.get;
import static com.mirogateway.platform.testkit.TestHttp.json;
import static com.mirogateway.platform.testkit.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With board-sync disabled, deliveries are still acknowledged and their events wait; they apply once it is back. */
class BoardSyncAbsentTest {
    static final String BOARD = "uXjVabsent=";

    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("../board-sync"))
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("plugins.board-sync.resync.enabled", "false")
            .config("plugins.webhooks.public-base-url", "https://gateway.example.com")
            .config("plugins.webhooks.wait-for-cache.min", "PT0.2S")
            .config("plugins.webhooks.wait-for-cache.max", "PT0.5S")
            .config("jobs.max-snoozes", "1000")
            .build();

    @Test
    void eventsWaitWhileBoardSyncIsDisabledAndApplyOnceItIsBack() {
        assertThat(json(get(gateway.uri("/admin/webhooks/subscriptions"))).toString())
                .isEqualTo("{\"subscriptions\":[]}");
        assertThat(miro.server().getAllServeEvents())
                .as("with no subscription, listing them does not ask Miro")
                .isEmpty();
        assertThat(TestHttp.send(HttpRequest.newBuilder(gateway.uri("/observe/metrics"))
                                .header("Accept", "text/plain"))
                        .body())
                .as("the meters exist before the first delivery (the JVM's registry: first when run alone)")
                .containsPattern("webhooks_deliveries_total\\{[^}]*outcome=\"duplicate\"")
                .containsPattern("webhooks_events_total\\{[^}]*outcome=\"dead\"");
        Subscribed board = Subscribed.create(gateway, miro, BOARD, "3458764500000000401");
        String id = "3458764517517940001";
        assertThat(post(gateway.uri("/admin/plugins/board-sync/disable"), "").statusCode())
                .isEqualTo(200);

        HttpResponse<String> acknowledged = board.deliver(
                Events.event("e-wait", BOARD, "create", Events.item(BOARD, id, "waited", "2026-11-27T10:00:00Z")));
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> board.state(id).equals("waiting"));
        await().during(Duration.ofSeconds(1)).until(() -> board.state(id).equals("waiting"));
        assertThat(board.delivery(id).orElseThrow().path("attempts").asInt())
                .as("waiting spends no attempt")
                .isZero();

        assertThat(post(gateway.uri("/admin/plugins/board-sync/enable"), "").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> board.state(id).equals("applied"));
        HttpResponse<String> item = get(gateway.uri("/api/boards/uXjVabsent%3D/items/" + id));
        assertThat(item.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(json(item).path("data").path("content").asText()).isEqualTo("waited");
    }
}
