package com.mirogateway.plugins.legacyproxy.migration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.mirogateway.platform.testkit.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** HTTP helpers for the migration-control tests: client requests, the ops API, the legacy stub's boards. */
final class Ops {
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOARD_ROUTE = "GET:/api/boards/{boardId}";

    private Ops() {}

    /** The legacy board JSON: same members as the plugin's, other order. */
    static String legacyBoard(String id, String name, String extra) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"owner\":{\"id\":\"u1\",\"name\":\"Ann\"},"
                + "\"tags\":[\"a\",\"b\"]" + extra + "}";
    }

    /** Stubs the legacy service's boards (with the per-id variants the plugin also has) and its writes. */
    static void stubLegacyBoards(WireMockServer legacy) {
        legacy.resetAll();
        legacy.stubFor(any(urlPathMatching("/api/boards/[^/]+"))
                .atPriority(10)
                .willReturn(aResponse().withStatus(202).withBody("legacy write")));
        for (String id : new String[] {"b1", "b2", "same", "hang", "throw", "fail"}) {
            board(legacy, id, legacyBoard(id, "Board " + id, ""));
        }
        board(legacy, "diff", legacyBoard("diff", "Legacy name", ""));
        board(
                legacy,
                "ignored",
                legacyBoard("ignored", "Board ignored", ",\"createdAt\":\"2020-05-05T10:00:00Z\",\"etag\":\"l-9\""));
        board(legacy, "secret", legacyBoard("secret", "Board secret", ",\"token\":\"legacy-secret\""));
    }

    static void board(WireMockServer legacy, String id, String body) {
        legacy.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/boards/" + id))
                .atPriority(1)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    static HttpResponse<String> send(TestGateway gateway, String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(TestGateway gateway, String path, String... headers) {
        return send(gateway, "GET", path, null, headers);
    }

    /** {@code /admin/routes/<encoded id>/<resource>}. */
    static String routePath(String routeId, String resource) {
        return "/admin/routes/" + URLEncoder.encode(routeId, StandardCharsets.UTF_8) + "/" + resource;
    }

    static JsonNode putMode(TestGateway gateway, String routeId, String body) {
        HttpResponse<String> response = send(gateway, "PUT", routePath(routeId, "mode"), body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT mode: " + response.statusCode() + " " + response.body());
        }
        return json(response.body());
    }

    static JsonNode diffs(TestGateway gateway, String routeId) {
        return json(get(gateway, routePath(routeId, "diffs")).body());
    }

    static void resetDiffs(TestGateway gateway, String routeId) {
        send(gateway, "DELETE", routePath(routeId, "diffs"), null);
    }

    static JsonNode probe(TestGateway gateway) {
        return json(get(gateway, "/api/probe/calls").body());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }
}
