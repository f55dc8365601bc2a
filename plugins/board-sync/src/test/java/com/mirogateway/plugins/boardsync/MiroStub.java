package com.mirogateway.plugins.boardsync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * WireMock playing Miro: board and item JSON in Miro's v2 shapes, cursor-paged item lists with {@code total}, and
 * counting of the calls the gateway made. Register it as a static extension before the {@code TestGateway} that uses
 * its {@link #baseUrl()}; it stops after the class's tests.
 */
final class MiroStub implements AfterAllCallback {
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

    void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** Miro's path of a board, with the id percent-encoded as Miro's clients send it. */
    static String boardPath(String boardId) {
        return "/v2/boards/" + boardId.replace("=", "%3D");
    }

    static String boardJson(String boardId, String name) {
        return "{\"id\":\"" + boardId + "\",\"type\":\"board\",\"name\":\"" + name + "\",\"description\":\"\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"modifiedAt\":\"2026-01-02T00:00:00Z\","
                + "\"links\":{\"self\":\"https://api.miro.com" + boardPath(boardId) + "\"}}";
    }

    static String itemJson(String boardId, long itemId, String type, String content) {
        return "{\"id\":\"" + itemId + "\",\"type\":\"" + type + "\",\"data\":{\"content\":\"" + content + "\"},"
                + "\"position\":{\"x\":0,\"y\":0},\"createdAt\":\"2026-01-01T00:00:00Z\","
                + "\"modifiedAt\":\"2026-01-02T00:00:00Z\",\"links\":{\"self\":\"https://api.miro.com"
                + boardPath(boardId) + "/items/" + itemId + "\"}}";
    }

    static String itemsPage(List<String> items, long total, String cursor) {
        return "{\"data\":[" + String.join(",", items) + "],\"total\":" + total + ",\"size\":" + items.size()
                + ",\"limit\":50" + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + ",\"links\":{}}";
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String code) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"" + code
                        + "\",\"type\":\"error\"}");
    }

    void board(String boardId, String name) {
        stub(get(urlPathEqualTo(boardPath(boardId))).willReturn(json(boardJson(boardId, name))));
    }

    /**
     * Serves a board's items, {@code perPage} per page, chained by cursors {@code c1, c2, ...}.
     *
     * @return the item ids
     */
    List<Long> items(String boardId, int count, int perPage, long firstId) {
        List<Long> ids = new ArrayList<>();
        int pages = Math.max(1, (count + perPage - 1) / perPage);
        for (int page = 0; page < pages; page++) {
            List<String> items = new ArrayList<>();
            for (int i = page * perPage; i < Math.min(count, (page + 1) * perPage); i++) {
                long id = firstId + i;
                ids.add(id);
                items.add(itemJson(boardId, id, "sticky_note", "note " + i));
            }
            String next = page + 1 < pages ? "c" + (page + 1) : null;
            MappingBuilder mapping = get(urlPathEqualTo(boardPath(boardId) + "/items"));
            mapping = page == 0
                    ? mapping.withQueryParam("cursor", WireMock.absent())
                    : mapping.withQueryParam("cursor", WireMock.equalTo("c" + page));
            stub(mapping.willReturn(json(itemsPage(items, count, next))));
        }
        return ids;
    }

    /**
     * Serves the given items as a board's item list, {@code perPage} per page chained by cursors {@code c1, c2, ...},
     * each page answered after {@code delayMillis}.
     */
    void itemPages(String boardId, List<String> items, int perPage, int delayMillis) {
        int pages = Math.max(1, (items.size() + perPage - 1) / perPage);
        for (int page = 0; page < pages; page++) {
            List<String> slice = items.subList(page * perPage, Math.min(items.size(), (page + 1) * perPage));
            String next = page + 1 < pages ? "c" + (page + 1) : null;
            MappingBuilder mapping = get(urlPathEqualTo(boardPath(boardId) + "/items"));
            mapping = page == 0
                    ? mapping.withQueryParam("cursor", WireMock.absent())
                    : mapping.withQueryParam("cursor", WireMock.equalTo("c" + page));
            stub(mapping.willReturn(json(itemsPage(slice, items.size(), next)).withFixedDelay(delayMillis)));
        }
    }

    /** An item with a parent frame and its modification time, in Miro's generic item shape. */
    static String childJson(String boardId, long itemId, String type, String content, long parentId, String modified) {
        return "{\"id\":\"" + itemId + "\",\"type\":\"" + type + "\",\"data\":{\"content\":\"" + content + "\"},"
                + "\"position\":{\"x\":0,\"y\":0},\"parent\":{\"id\":\"" + parentId + "\"},"
                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"modifiedAt\":\"" + modified + "\",\"links\":{\"self\":"
                + "\"https://api.miro.com" + boardPath(boardId) + "/items/" + itemId + "\"}}";
    }

    int count(RequestPatternBuilder pattern) {
        return server.findAll(pattern).size();
    }

    int gets(String path) {
        return count(getRequestedFor(urlPathEqualTo(path)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }
}
