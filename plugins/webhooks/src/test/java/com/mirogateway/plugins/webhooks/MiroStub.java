package com.mirogateway.plugins.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * WireMock playing Miro for the webhooks tests: board subscriptions (create, list, delete) in the shapes of Miro's
 * experimental webhooks API, and items. Register it before the {@code TestGateway} that uses {@link #baseUrl()}.
 */
final class MiroStub implements AfterAllCallback {
    static final String SUBSCRIPTIONS = "/v2-experimental/webhooks/subscriptions";
    static final String BOARD_SUBSCRIPTIONS = "/v2-experimental/webhooks/board_subscriptions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    private MiroStub(WireMockServer server) {
        this.server = server;
    }

    static MiroStub start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return new MiroStub(server);
    }

    WireMockServer server() {
        return server;
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** Miro creates a subscription for the board with this id, and lists and deletes it. */
    void subscriptionFor(String boardId, String miroId, String listedStatus) {
        server.stubFor(post(urlPathEqualTo(BOARD_SUBSCRIPTIONS))
                .withRequestBody(matchingJsonPath("$.boardId", WireMock.equalTo(boardId)))
                .willReturn(json(
                        201,
                        "{\"id\":\"" + miroId + "\",\"type\":\"board_subscription\",\"status\":\"enabled\","
                                + "\"data\":{\"boardId\":\"" + boardId + "\"},"
                                + "\"createdAt\":\"2026-11-27T00:00:00Z\",\"modifiedAt\":\"2026-11-27T00:00:00Z\"}")));
        server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS))
                .willReturn(json(
                        200,
                        "{\"data\":[{\"id\":\"" + miroId + "\",\"type\":\"board_subscription\",\"status\":\""
                                + listedStatus + "\",\"data\":{\"boardId\":\"" + boardId + "\"}}],"
                                + "\"size\":1,\"limit\":100,\"total\":1}")));
        server.stubFor(delete(urlPathEqualTo(SUBSCRIPTIONS + "/" + miroId))
                .willReturn(aResponse().withStatus(204)));
    }

    /** Miro does not know this item (a read after its delete event). */
    void noItem(String boardId, String itemId) {
        server.stubFor(get(urlPathEqualTo("/v2/boards/" + boardId.replace("=", "%3D") + "/items/" + itemId))
                .willReturn(json(
                        404,
                        "{\"status\":404,\"code\":\"notFound\",\"message\":\"Item not found\",\"type\":\"error\"}")));
    }

    /** The secret of the callback URL the gateway last gave Miro for a board. */
    String secretFor(String boardId) {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo(BOARD_SUBSCRIPTIONS))
                .withRequestBody(matchingJsonPath("$.boardId", WireMock.equalTo(boardId))));
        String callbackUrl = body(requests.getLast()).path("callbackUrl").asText();
        return callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1);
    }

    static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }
}
