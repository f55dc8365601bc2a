package com.mirogateway.plugins.legacyproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.TestGateway;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 50 MB bodies through the proxy, both ways, in a JVM started with {@code -Xmx128m} (the {@code low-heap} surefire
 * execution). Beyond the heap, each test proves streaming directly: one side waits, mid-body, until the other side has
 * already received bytes, which can only happen if the proxy passes the body on while it is still arriving (a buffering
 * proxy would leave both sides waiting until the latch times out).
 *
 * <p>The legacy service is the JDK's HTTP server, which streams and counts bytes (WireMock would hold them in memory).
 */
@Tag("low-heap")
class LargeBodyStreamingTest {
    private static final long SIZE = 50L * 1024 * 1024;
    private static final int BLOCK = 64 * 1024;
    private static final long PROOF_POINT = 8L * 1024 * 1024;

    private static final ExecutorService UPSTREAM_THREADS = Executors.newVirtualThreadPerTaskExecutor();
    private static final Upstream UPSTREAM = new Upstream();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("legacy.base-url", "http://127.0.0.1:" + UPSTREAM.port())
            .build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.server.stop(0);
        UPSTREAM_THREADS.shutdownNow();
    }

    @BeforeEach
    void reset() {
        UPSTREAM.reset();
    }

    @Test
    void runsWithALowHeap() {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(128L * 1024 * 1024);
    }

    @Test
    void uploadOf50MegabytesIsStreamedToLegacyKeepingItsContentLength() throws Exception {
        CountDownLatch upstreamReceiving = UPSTREAM.receivedSome;
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/api/upload"))
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(SIZE, upstreamReceiving)),
                        SIZE))
                .build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("received " + SIZE + " intact");
        assertThat(UPSTREAM.requestContentLength.get()).isEqualTo(String.valueOf(SIZE));
    }

    @Test
    void chunkedUploadOf50MegabytesIsStreamedToLegacy() throws Exception {
        CountDownLatch upstreamReceiving = UPSTREAM.receivedSome;
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/api/upload"))
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(SIZE, upstreamReceiving)))
                .build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("received " + SIZE + " intact");
        assertThat(UPSTREAM.requestContentLength.get()).isNull();
    }

    @Test
    void downloadOf50MegabytesIsStreamedToTheClientKeepingItsContentLength() throws Exception {
        HttpResponse<InputStream> response = HTTP.send(
                HttpRequest.newBuilder(gateway.uri("/api/download"))
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).as(() -> drain(response)).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        try (InputStream body = response.body()) {
            assertThat(readPattern(body, UPSTREAM.clientReceiving)).isEqualTo(SIZE);
        }
        assertThat(UPSTREAM.failure.get()).isNull();
    }

    @Test
    void chunkedDownloadOf50MegabytesIsStreamedToTheClient() throws Exception {
        HttpResponse<InputStream> response = HTTP.send(
                HttpRequest.newBuilder(gateway.uri("/api/download-chunked"))
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).as(() -> drain(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        try (InputStream body = response.body()) {
            assertThat(readPattern(body, UPSTREAM.clientReceiving)).isEqualTo(SIZE);
        }
        assertThat(UPSTREAM.failure.get()).isNull();
    }

    private static String drain(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return new String(body.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Reads a pattern body, checking every byte; counts {@code receivedSome} down once a megabyte arrived. */
    private static long readPattern(InputStream in, CountDownLatch receivedSome) throws IOException {
        byte[] buffer = new byte[BLOCK];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            for (int i = 0; i < read; i++) {
                if (buffer[i] != PatternStream.at(total + i)) {
                    throw new IllegalStateException("Byte " + (total + i) + " is corrupt");
                }
            }
            total += read;
            if (total >= 1024 * 1024) {
                receivedSome.countDown();
            }
        }
        return total;
    }

    /** {@code size} bytes of a fixed pattern; after {@link #PROOF_POINT} bytes waits for the receiver to see some. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private final CountDownLatch receiverSawSome;
        private long position;

        PatternStream(long size, CountDownLatch receiverSawSome) {
            this.size = size;
            this.receiverSawSome = receiverSawSome;
        }

        static byte at(long position) {
            return (byte) (position % 251);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            if (position >= PROOF_POINT) {
                awaitReceiver(receiverSawSome);
            }
            int count = (int) Math.min(length, size - position);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = at(position + i);
            }
            position += count;
            return count;
        }
    }

    private static void awaitReceiver(CountDownLatch receiverSawSome) {
        try {
            if (!receiverSawSome.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The receiver got nothing after " + PROOF_POINT
                        + " bytes were sent: the proxy does not stream");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The legacy service: counts and checks uploads, generates downloads. */
    private static final class Upstream {
        private final HttpServer server;
        private final AtomicReference<String> requestContentLength = new AtomicReference<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile CountDownLatch receivedSome = new CountDownLatch(1);
        private volatile CountDownLatch clientReceiving = new CountDownLatch(1);

        Upstream() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(UPSTREAM_THREADS);
            server.createContext("/api/upload", this::upload);
            server.createContext("/api/download", exchange -> download(exchange, SIZE));
            server.createContext("/api/download-chunked", exchange -> download(exchange, 0));
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void reset() {
            requestContentLength.set(null);
            failure.set(null);
            receivedSome = new CountDownLatch(1);
            clientReceiving = new CountDownLatch(1);
        }

        private void upload(HttpExchange exchange) throws IOException {
            requestContentLength.set(exchange.getRequestHeaders().getFirst("Content-Length"));
            long total;
            try (InputStream body = exchange.getRequestBody()) {
                total = readPattern(body, receivedSome);
            } catch (RuntimeException e) {
                byte[] error = e.getMessage().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, error.length);
                exchange.getResponseBody().write(error);
                exchange.close();
                return;
            }
            byte[] answer = ("received " + total + " intact").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }

        private void download(HttpExchange exchange, long declaredLength) throws IOException {
            exchange.getRequestBody().close();
            exchange.sendResponseHeaders(200, declaredLength);
            try (OutputStream out = exchange.getResponseBody();
                    InputStream pattern = new PatternStream(SIZE, clientReceiving)) {
                byte[] buffer = new byte[BLOCK];
                int read;
                while ((read = pattern.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                }
            } catch (IOException | RuntimeException e) {
                failure.set(e);
                throw e;
            }
        }
    }
}
