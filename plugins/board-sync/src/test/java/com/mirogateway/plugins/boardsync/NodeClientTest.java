package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.testkit.TestGateway;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Miro's official Node client, {@code @mirohq/miro-api} 2.2.4, with its base path set to the gateway's root URL:
 * getBoard, getAllItems over several cursor pages, a sticky-note create through {@code /v2}, and the created note read
 * back from the cache; on a synced board, getAllItems without any call to Miro. WireMock plays Miro.
 */
class NodeClientTest {
    private static final String BOARD = "uXjVnode=";
    private static final long NOTE = 3458764517517899999L;

    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("jobs.poll-interval", "PT0.2S")
            .config("plugins.board-sync.resync.enabled", "false")
            .build();

    @Test
    void officialNodeClientWorksAgainstTheGateway() throws Exception {
        miro.board(BOARD, "Node board");
        miro.items(BOARD, 35, 10, 3458764517517900000L);
        miro.stub(post(urlPathEqualTo(MiroStub.boardPath(BOARD) + "/sticky_notes"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(MiroStub.itemJson(BOARD, NOTE, "sticky_note", "From Node"))));
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjVmissing="))).willReturn(MiroStub.error(404, "notFound")));
        NodeModules.install();

        Process node = NodeModules.start(
                "miro-client-check",
                List.of("node", "miro-client-check.js", gateway.baseUri().toString(), BOARD, "35"));
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).as("node finished").isTrue();
        String output = NodeModules.log("miro-client-check");

        assertThat(node.exitValue()).as(output).isZero();
        JsonNode seen =
                new ObjectMapper().readTree(output.lines().reduce((a, b) -> b).orElse("{}"));
        assertThat(seen.path("board").asText()).isEqualTo("Node board");
        assertThat(seen.path("items").asInt()).isEqualTo(35);
        assertThat(seen.path("note").asText()).isEqualTo(Long.toString(NOTE));
        assertThat(seen.path("readBack").asText()).isEqualTo("From Node");
        assertThat(seen.path("notFound").path("status").asInt()).isEqualTo(404);
        assertThat(seen.path("notFound").path("code").asText()).isEqualTo("notFound");
        assertThat(miro.gets(MiroStub.boardPath(BOARD) + "/items"))
                .as("four pages of ten")
                .isEqualTo(4);
        assertThat(miro.count(postRequestedFor(urlPathEqualTo(MiroStub.boardPath(BOARD) + "/sticky_notes"))))
                .isEqualTo(1);
        assertThat(miro.gets(MiroStub.boardPath(BOARD) + "/items/" + NOTE))
                .as("the created note was read back from the cache")
                .isZero();
        assertThat(Http.get(gateway.uri("/api/boards/uXjVnode%3D/items/" + NOTE))
                        .headers()
                        .firstValue("X-Cache"))
                .contains("HIT");
    }

    @Test
    void getAllItemsOfASyncedBoardMakesNoMiroCall() throws Exception {
        String board = "uXjVnodesync=";
        miro.board(board, "Synced Node board");
        miro.items(board, 35, 10, 3458764517517700000L);
        miro.stub(post(urlPathEqualTo(MiroStub.boardPath(board) + "/sticky_notes"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(MiroStub.itemJson(board, NOTE + 1, "sticky_note", "From Node"))));
        miro.stub(get(urlPathEqualTo(MiroStub.boardPath("uXjVmissing="))).willReturn(MiroStub.error(404, "notFound")));
        NodeModules.install();
        Syncs.run(gateway, "uXjVnodesync%3D");
        miro.server().resetRequests();

        Process node = NodeModules.start(
                "miro-client-synced",
                List.of("node", "miro-client-check.js", gateway.baseUri().toString(), board, "35"));
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).as("node finished").isTrue();
        String output = NodeModules.log("miro-client-synced");

        assertThat(node.exitValue()).as(output).isZero();
        assertThat(miro.gets(MiroStub.boardPath(board) + "/items"))
                .as("getAllItems was answered from the replica")
                .isZero();
    }
}
