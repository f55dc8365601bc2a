package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StaticAssetsTest {
    static TestGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        gateway = TestGateway.builder().config("static.entry-max-age", "PT30S").build();
        Path staticDir = gateway.home().resolve("static");
        Files.createDirectories(staticDir.resolve("1.2.3"));
        Files.writeString(staticDir.resolve("index.html"), "<script src=\"/static/1.2.3/app.js\"></script>");
        Files.writeString(staticDir.resolve("1.2.3/app.js"), "console.log('app');");
        Files.writeString(gateway.home().resolve("secret.txt"), "outside the static folder");
        gateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void versionedAssetsAreCachedForeverAndImmutable() {
        HttpResponse<String> response = Http.get(gateway.uri("/static/1.2.3/app.js"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("console.log('app');");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void unversionedEntryPointIsShortCached() {
        HttpResponse<String> response = Http.get(gateway.uri("/static/index.html"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/static/1.2.3/app.js");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=30");
    }

    @Test
    void headAndTheWelcomePageCarryCacheControlAndRevalidationIsAnEmpty304() {
        HttpResponse<String> head = Http.send(java.net.http.HttpRequest.newBuilder(gateway.uri("/static/1.2.3/app.js"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");

        HttpResponse<String> welcome = Http.get(gateway.uri("/static/"));
        assertThat(welcome.statusCode()).isEqualTo(200);
        assertThat(welcome.headers().firstValue("Cache-Control")).hasValue("public, max-age=30");

        String etag = Http.get(gateway.uri("/static/index.html"))
                .headers()
                .firstValue("ETag")
                .orElseThrow();
        HttpResponse<String> revalidated =
                Http.send(java.net.http.HttpRequest.newBuilder(gateway.uri("/static/index.html"))
                        .header("If-None-Match", etag)
                        .build());
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
    }

    @Test
    void missingAssetIsANotFoundProblem() {
        HttpResponse<String> response = Http.get(gateway.uri("/static/1.2.3/nope.js"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Cache-Control"))
                .as("a miss is not cached forever")
                .isEmpty();
    }

    @Test
    void pathTraversalCannotLeaveTheStaticFolder() throws IOException {
        for (String path :
                new String[] {"/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/1.2.3/../../secret.txt"}) {
            String response = rawGet(path);
            assertThat(response).as(path).doesNotContain("outside the static folder");
        }
    }

    private static String rawGet(String path) throws IOException {
        try (Socket socket = new Socket(
                java.net.InetAddress.getLoopbackAddress(), gateway.gateway().port())) {
            socket.setSoTimeout(1000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                // the server kept the connection open; what arrived is the response
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
