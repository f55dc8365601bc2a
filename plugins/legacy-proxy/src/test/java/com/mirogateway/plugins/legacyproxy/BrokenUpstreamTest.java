package com.mirogateway.plugins.legacyproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mirogateway.platform.testkit.TestGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A legacy service that breaks off or goes silent in the middle of its body. The client must see a broken response
 * (never a complete-looking, truncated one); before any body byte was relayed it gets a 502 problem.
 */
class BrokenUpstreamTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    private static final ServerSocket UPSTREAM = startUpstream();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("legacy.base-url", "http://127.0.0.1:" + UPSTREAM.getLocalPort())
            .config("legacy.circuit-breaker.enabled", "false")
            .config("legacy.read-timeout", READ_TIMEOUT.toString())
            .build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Answers each connection's first request by its path, then closes the socket. */
    private static ServerSocket startUpstream() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().name("broken-upstream").start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket accepted = server.accept();
                        Thread.ofVirtual().start(() -> {
                            try (Socket socket = accepted) {
                                answer(socket);
                            } catch (IOException | InterruptedException e) {
                                // the gateway closed first
                            }
                        });
                    } catch (IOException e) {
                        // the test is over
                    }
                }
            });
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(Socket socket) throws IOException, InterruptedException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                return;
            }
            head.append((char) c);
        }
        String path = head.substring(head.indexOf(" ") + 1, head.indexOf(" HTTP/"));
        byte[] part = "x".repeat(200 * 1024).getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        switch (path) {
            case "/api/cut-length" -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(part);
            }
            case "/api/cut-chunked" -> {
                out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(part);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            case "/api/cut-small" -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nX-Legacy: partial\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(part, 0, 10);
            }
            case "/api/silent-small" -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(part, 0, 10);
                out.flush();
                Thread.sleep(READ_TIMEOUT.multipliedBy(8));
                out.write(part, 0, 90);
            }
            default ->
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        UPSTREAM.close();
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(gateway.uri(path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void bodyCutShortOfItsContentLengthReachesTheClientBroken() {
        assertThatThrownBy(() -> get("/api/cut-length")).isInstanceOf(IOException.class);
    }

    @Test
    void chunkedBodyBrokenOffReachesTheClientBroken() {
        assertThatThrownBy(() -> get("/api/cut-chunked")).isInstanceOf(IOException.class);
    }

    @Test
    void smallBodyCutShortIs502WithoutTheLegacyHeaders() throws Exception {
        HttpResponse<byte[]> response = get("/api/cut-small");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("X-Legacy")).isEmpty();
    }

    @Test
    void bodyStalledAfterTheHeadIsCutOffAfterTheReadTimeout() throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = get("/api/silent-small");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(took).isGreaterThanOrEqualTo(READ_TIMEOUT).isLessThan(READ_TIMEOUT.multipliedBy(3));
    }
}
