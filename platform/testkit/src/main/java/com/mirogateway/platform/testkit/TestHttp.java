package com.mirogateway.platform.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Blocking HTTP calls for plugin tests against a {@link TestGateway}: one shared JDK client (HTTP/1.1, 5 s connect
 * timeout), 30 s per request, bodies as strings. I/O failures surface as {@link UncheckedIOException}, so tests can
 * call these in lambdas.
 */
public final class TestHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestHttp() {}

    /**
     * Sends a {@code GET}.
     *
     * @param uri the target
     * @return the response
     */
    public static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /**
     * Sends a {@code POST} with a JSON body.
     *
     * @param uri the target
     * @param json the body, sent as {@code application/json}
     * @return the response
     */
    public static HttpResponse<String> post(URI uri, String json) {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * Sends a {@code DELETE} without a body.
     *
     * @param uri the target
     * @return the response
     */
    public static HttpResponse<String> delete(URI uri) {
        return send(HttpRequest.newBuilder(uri).DELETE());
    }

    /**
     * Sends a request, adding the 30 s timeout.
     *
     * @param request the request so far
     * @return the response
     * @throws UncheckedIOException if the exchange failed
     */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "Interrupted while waiting for " + request.build().uri(), e);
        }
    }

    /**
     * Parses a response body as JSON.
     *
     * @param response the response
     * @return the JSON tree
     * @throws UncheckedIOException if the body is not JSON
     */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
