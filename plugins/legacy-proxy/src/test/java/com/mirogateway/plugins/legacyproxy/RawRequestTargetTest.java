package com.mirogateway.plugins.legacyproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The legacy service receives the client's request target byte for byte: matrix parameters, percent-encodings (in
 * their case), {@code +}, empty segments, odd queries. A raw socket plays the legacy service and keeps each request
 * line exactly as it arrived (an HTTP server library would parse and normalise it).
 */
class RawRequestTargetTest {
    private static final RequestLineRecorder LEGACY = new RequestLineRecorder();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("legacy.base-url", "http://127.0.0.1:" + LEGACY.port())
            .build();

    @AfterAll
    static void stopLegacy() {
        LEGACY.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        LEGACY.lines.clear();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/Mixed/Case;matrix=1/%3D%3D?q=a+b",
                "/api/a;x=1;y=2/b;z=3",
                "/api/a;x=1/b;/c",
                "/api/enc/%2F%20%25%3B%2b%3d?x=%26&y=a+b&z=%2B",
                "/api/double//slash/",
                "/api/q?=&&a==b&c",
                "/api/plus+sign/x?q=1+1",
                "/api/semi;?q=;"
            })
    void legacyReceivesTheRequestTargetUnchanged(String target) {
        RawHttp.Response response = RawHttp.get(gateway.gateway().port(), target);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(LEGACY.next()).isEqualTo("GET " + target + " HTTP/1.1");
    }

    /** A one-request-per-connection HTTP stand-in that answers 200 and records each request line. */
    private static final class RequestLineRecorder implements AutoCloseable {
        private final ServerSocket socket;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        RequestLineRecorder() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.ofVirtual().name("legacy-request-lines").start(this::serve);
        }

        int port() {
            return socket.getLocalPort();
        }

        String next() {
            try {
                String line = lines.poll(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
                assertThat(line).as("a request reached the legacy stand-in").isNotNull();
                return line;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    List<String> head = readHead(connection.getInputStream());
                    lines.add(head.get(0));
                    OutputStream out = connection.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nlegacy"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // closed at the end of the class, or a connection the gateway dropped: wait for the next one
                }
            }
        }

        private static List<String> readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("The connection closed inside the request head");
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return List.of(head.toString(StandardCharsets.ISO_8859_1).split("\r\n"));
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
