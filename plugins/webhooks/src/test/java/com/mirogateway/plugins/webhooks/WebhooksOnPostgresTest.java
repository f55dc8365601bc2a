package com.mirogateway.plugins.webhooks;

import static com.mirogateway.platform.testkit.TestHttp.get;
import static com.mirogateway.platform.testkit.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same flow on PostgreSQL, the store of several gateway instances: inbox and job in one transaction, dedup,
 * board-sync's conditional upsert, subscriptions.
 */
class WebhooksOnPostgresTest {
    static final String BOARD = "uXjVpgsql1=";

    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestPostgres database = TestPostgres.create();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("../board-sync"))
            .reactorPlugin(Path.of("."))
            .config("store.url", database.url())
            .config("store.username", "postgres")
            .config("miro.base-url", miro.baseUrl())
            .config("plugins.board-sync.resync.enabled", "false")
            .config("plugins.webhooks.public-base-url", "https://gateway.example.com")
            .build();

    @Test
    void eventsAreStoredOnceAppliedAndOlderOnesIgnored() {
        Subscribed board = Subscribed.create(gateway, miro, BOARD, "3458764500000000501");
        String id = "3458764517517950001";
        String created =
                Events.event("pg-1", BOARD, "create", Events.item(BOARD, id, "first", "2026-11-27T10:00:00.500Z"));

        assertThat(json(board.deliver(created)).path("status").asText()).isEqualTo("accepted");
        assertThat(json(board.deliver(created)).path("status").asText()).isEqualTo("duplicate");
        await().until(() -> board.state(id).equals("applied"));
        board.deliver(Events.event("pg-2", BOARD, "update", Events.item(BOARD, id, "older", "2026-11-27T10:00:00Z")));
        await().until(() -> board.state(id).equals("ignored")); // the newest delivery of the item

        HttpResponse<String> item = get(gateway.uri("/api/boards/uXjVpgsql1%3D/items/" + id));
        assertThat(item.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(json(item).path("data").path("content").asText()).isEqualTo("first");
        assertThat(json(get(gateway.uri("/admin/webhooks/deliveries")))
                        .path("counts")
                        .path("applied")
                        .asLong())
                .isEqualTo(1);
    }
}
