package com.mirogateway.plugins.boardsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.plugins.boardsync.testplugins.CacheEventsPlugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Node example {@code examples/node-board-events} (the {@code eventsource} package with a bearer token) follows a
 * board's feed through a proxy that drops its connection in the middle; the events made while it was away arrive
 * after it reconnects with {@code Last-Event-ID}, each exactly once.
 */
class NodeEventsExampleTest {
    private static final Path EXAMPLE = Path.of("../../examples/node-board-events");
    private static final String BOARD = "uXjVnodefeed=";

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .plugin(PluginJar.of("cache-events").classes(CacheEventsPlugin.class))
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    @Test
    void exampleResumesWithLastEventIdAfterADroppedConnection() throws Exception {
        Path dir = NodeModules.install(EXAMPLE, Path.of("target/node-example"));
        try (DroppingProxy proxy = DroppingProxy.start(gateway.baseUri())) {
            Process node = NodeModules.start(
                    dir,
                    "follow",
                    List.of("node", "follow.js", proxy.uri().toString(), BOARD, "--exit-after", "5"),
                    Map.of("GATEWAY_TOKEN", "example-token"));
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> log(dir).contains("\"event\":\"open\""));
                FeedTest.event(gateway, BOARD, 1, "one", "2026-02-01T00:00:00Z");
                FeedTest.event(gateway, BOARD, 2, "two", "2026-02-01T00:00:00Z");
                await().atMost(Duration.ofSeconds(30)).until(() -> log(dir).contains("\"id\":\"2\""));

                proxy.dropAndRefuse();
                FeedTest.event(gateway, BOARD, 1, "one again", "2026-02-02T00:00:00Z");
                Http.method(
                        gateway.uri("/api/test-events/" + BOARD + "/items/" + (FeedTest.FIRST + 2)), "DELETE", null);
                proxy.pass();
                await().atMost(Duration.ofSeconds(60)).until(() -> log(dir).contains("\"id\":\"4\""));
                FeedTest.event(gateway, BOARD, 3, "three", "2026-02-01T00:00:00Z");

                assertThat(node.waitFor(60, TimeUnit.SECONDS)).as(log(dir)).isTrue();
                assertThat(node.exitValue()).as(log(dir)).isZero();
            } finally {
                node.destroy();
            }

            List<String> events = new ArrayList<>();
            for (String line : log(dir).lines().filter(l -> l.startsWith("{")).toList()) {
                JsonNode event = Http.json(line);
                if (event.has("id")) {
                    events.add(event.path("id").asText() + " "
                            + event.path("event").asText());
                }
            }
            assertThat(events)
                    .containsExactly(
                            "1 item.created", "2 item.created", "3 item.updated", "4 item.deleted", "5 item.created");
            List<String> heads = proxy.requestHeads().stream()
                    .map(head -> head.toLowerCase(Locale.ROOT))
                    .filter(head -> head.startsWith("get /api/boards/"))
                    .toList();
            assertThat(heads).hasSizeGreaterThanOrEqualTo(2);
            assertThat(heads).allSatisfy(head -> assertThat(head).contains("authorization: bearer example-token"));
            assertThat(heads.getLast()).contains("last-event-id: 2");
        }
    }

    private static String log(Path dir) {
        return NodeModules.log(dir, "follow");
    }
}
