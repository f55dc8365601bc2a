package com.mirogateway.plugins.legacyproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.TestGateway;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keep-alive connections to the legacy service are reused, whatever the response's framing: one connection serves a
 * series of sequential requests (a new connection per request would cost a TCP handshake each and pile up
 * TIME-WAIT sockets under load).
 */
class ConnectionReuseTest {
    private static final Set<Integer> CLIENT_PORTS = ConcurrentHashMap.newKeySet();
    private static final HttpServer UPSTREAM = startUpstream();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config(
                    "legacy.base-url",
                    "http://127.0.0.1:" + UPSTREAM.getAddress().getPort())
            .build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpServer startUpstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/small", exchange -> answer(exchange, 200, 200, false));
            server.createContext("/api/large", exchange -> answer(exchange, 200, 300 * 1024, false));
            server.createContext("/api/chunked", exchange -> answer(exchange, 200, 100 * 1024, true));
            server.createContext("/api/empty", exchange -> answer(exchange, 204, 0, false));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, int size, boolean chunked) throws IOException {
        CLIENT_PORTS.add(exchange.getRemoteAddress().getPort());
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, size == 0 ? -1 : chunked ? 0 : size);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(new byte[size]);
        }
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.stop(0);
    }

    @BeforeEach
    void reset() {
        CLIENT_PORTS.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/small", "/api/large", "/api/chunked", "/api/empty"})
    void sequentialRequestsShareOneUpstreamConnection(String path) throws Exception {
        for (int i = 0; i < 10; i++) {
            HttpResponse<byte[]> response = HTTP.send(
                    HttpRequest.newBuilder(gateway.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isIn(200, 204);
        }

        assertThat(CLIENT_PORTS).as("upstream connections used").hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/small", "/api/large"})
    void postsShareOneUpstreamConnectionToo(String path) throws Exception {
        for (int i = 0; i < 10; i++) {
            HttpResponse<byte[]> response = HTTP.send(
                    HttpRequest.newBuilder(gateway.uri(path))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
        }

        assertThat(CLIENT_PORTS).as("upstream connections used").hasSize(1);
    }
}
