package com.mirogateway.plugins.webhooks;

import static com.mirogateway.platform.testkit.TestHttp.get;
import static com.mirogateway.platform.testkit.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.plugins.webhooks.testplugins.FailingCachePlugin;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events the cache cannot take: retried with the queue's backoff, then dead letters that ops see in
 * {@code /admin/webhooks/deliveries} and {@code /admin/jobs}; an event the cache refuses as malformed is dead at once.
 */
class ProcessingFaultsTest {
    static final String BOARD = "uXjVfaults=";

    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("failing-cache").classes(FailingCachePlugin.class))
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("plugins.webhooks.public-base-url", "https://gateway.example.com")
            .config("jobs.max-attempts", "3")
            .config("jobs.backoff-base", "PT0.1S")
            .config("jobs.backoff-cap", "PT0.3S")
            .config("jobs.poll-interval", "PT0.1S")
            .build();

    private static Subscribed board;

    @BeforeAll
    static void subscribe() {
        board = Subscribed.create(gateway, miro, BOARD, "3458764500000000301");
    }

    @Test
    void anEventTheCacheKeepsFailingOnIsRetriedThenADeadLetter() {
        String id = "3458764517517930001";
        assertThat(board.deliver(Events.event(
                                "e-explode",
                                BOARD,
                                "update",
                                Events.item(BOARD, id, "explode", "2026-11-27T10:00:00Z")))
                        .statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> board.state(id).equals("dead"));
        JsonNode delivery = board.delivery(id).orElseThrow();
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.path("lastError").asText()).contains("database is down");
        JsonNode dead = json(get(gateway.uri("/admin/jobs?state=dead&type=webhooks.apply-event")));
        assertThat(dead.path("data")).hasSize(1);
        assertThat(dead.path("data").get(0).path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void anEventTheCacheRefusesIsDeadAtOnce() {
        String id = "3458764517517930002";
        board.deliver(
                Events.event("e-refuse", BOARD, "update", Events.item(BOARD, id, "refuse", "2026-11-27T10:00:00Z")));

        await().atMost(Duration.ofSeconds(30)).until(() -> board.state(id).equals("dead"));
        assertThat(board.delivery(id).orElseThrow().path("attempts").asInt()).isEqualTo(1);
    }
}
