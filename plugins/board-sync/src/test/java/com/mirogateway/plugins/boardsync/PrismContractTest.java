package com.mirogateway.plugins.boardsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.TestGateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway against Prism serving Miro's own OpenAPI description ({@code ../shared/miro/openapi.mock.json}):
 * Prism validates every request the gateway sends and answers with the spec's examples, so paths, parameters, bodies
 * and the JSON shapes the cache parses are checked against Miro's contract. Skipped, with the reason printed, when
 * the spec is not beside the repository.
 */
class PrismContractTest {
    private static final Path SPEC =
            Path.of("../../../shared/miro/openapi.mock.json").toAbsolutePath().normalize();
    /** The board id of the spec's examples. */
    private static final String BOARD = "uXjVOD6LSME%3D";

    private static final int PORT = freePort();
    private static Process prism;

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", "http://127.0.0.1:" + PORT)
            .config("jobs.poll-interval", "PT0.2S")
            .config("plugins.board-sync.sync.max-pages", "5")
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    @BeforeAll
    static void startPrism() {
        if (!Files.isRegularFile(SPEC)) {
            String reason = "SKIPPED: Miro's OpenAPI description is not at " + SPEC + " (../shared is absent)";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        prism = NodeModules.start(
                "prism",
                List.of(
                        "node",
                        "node_modules/@stoplight/prism-cli/dist/index.js",
                        "mock",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(PORT),
                        SPEC.toString()));
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(prism.isAlive()).as(NodeModules.log("prism")).isTrue();
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), PORT)) {
                        return socket.isConnected();
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    @AfterAll
    static void stopPrism() {
        if (prism != null) {
            prism.descendants().forEach(ProcessHandle::destroy);
            prism.destroy();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void boardAndItemsComeThroughInMirosShapes() {
        HttpResponse<String> board = Http.get(gateway.uri("/api/boards/" + BOARD));
        HttpResponse<String> again = Http.get(gateway.uri("/api/boards/" + BOARD));
        HttpResponse<String> items = Http.get(gateway.uri("/api/boards/" + BOARD + "/items?limit=10&type=sticky_note"));
        HttpResponse<String> boards = Http.get(gateway.uri("/api/boards?limit=5&sort=last_modified"));

        assertThat(board.statusCode()).as(board.body()).isEqualTo(200);
        assertThat(Http.json(board).path("type").asText()).isEqualTo("board");
        assertThat(again.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(items.statusCode()).as(items.body()).isEqualTo(200);
        JsonNode page = Http.json(items);
        assertThat(page.path("data").isArray()).isTrue();
        assertThat(page.has("total")).isTrue();
        assertThat(boards.statusCode()).as(boards.body()).isEqualTo(200);
        assertThat(Http.json(boards).path("data").isArray()).isTrue();
        assertNoRequestViolations();
    }

    @Test
    void stickyNoteCreatePassesMirosRequestValidation() {
        HttpResponse<String> created = Http.post(
                gateway.uri("/v2/boards/" + BOARD + "/sticky_notes"),
                "{\"data\":{\"content\":\"Hello\",\"shape\":\"square\"},\"position\":{\"x\":0,\"y\":0}}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = Http.json(created).path("id").asText();
        assertThat(id).matches("[0-9]+");
        assertThat(Http.get(gateway.uri("/v2/boards/" + BOARD + "/items/" + id))
                        .headers()
                        .firstValue("X-Cache"))
                .contains("HIT");
        assertNoRequestViolations();
    }

    @Test
    void syncStopsOnACursorThatNeverEnds() {
        HttpResponse<String> accepted = Http.post(gateway.uri("/api/boards/" + BOARD + "/sync"), "");
        String location = accepted.headers().firstValue("Location").orElseThrow();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Http.json(Http.get(gateway.uri(location)))
                        .path("state")
                        .asText()
                        .equals("succeeded"));
        assertNoRequestViolations();
    }

    /** Prism logs every request that breaks the spec (its own examples break it in responses; those are ignored). */
    private static void assertNoRequestViolations() {
        assertThat(NodeModules.log("prism")).doesNotContain("Violation: request");
    }
}
