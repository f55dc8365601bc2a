package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.host.security.EdgeSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTPS from a self-signed PKCS12 keystore made by the JDK's keytool for the test; HSTS; the plain-HTTP redirect. */
class TlsTest {
    static Path dir;
    static Path keystore;
    static String password;
    static TestGateway gateway;
    static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("gateway-tls-");
        keystore = dir.resolve("gateway.p12");
        password = UUID.randomUUID().toString();
        Path passwordFile = dir.resolve("keystore-password");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        keytool(
                "-genkeypair",
                "-alias",
                "gateway",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                password);
        gateway = TestGateway.builder()
                .config("tls.keystore", keystore.toString())
                .config("tls.keystore-password-file", passwordFile.toString())
                .config("tls.redirect-port", "0")
                .build()
                .start();
        https = HttpClient.newBuilder()
                .sslContext(trusting(keystore, password))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void servesHttpsWithHsts() throws Exception {
        HttpResponse<String> response = https.send(
                HttpRequest.newBuilder(URI.create(
                                "https://127.0.0.1:" + gateway.gateway().port() + "/observe/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void plainPortRedirectsToHttps() throws Exception {
        int plain = gateway.gateway().port(EdgeSecurity.REDIRECT_SOCKET);
        HttpResponse<String> response = Http.CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain + "/api/boards?limit=5"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location"))
                .hasValue("https://127.0.0.1:" + gateway.gateway().port() + "/api/boards?limit=5");
        assertThat(response.headers().firstValue("Strict-Transport-Security"))
                .as("HSTS only over TLS")
                .isEmpty();
    }

    @Test
    void redirectRefusesAHostItWouldHaveToEcho() throws IOException {
        int plain = gateway.gateway().port(EdgeSecurity.REDIRECT_SOCKET);
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), plain)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write("GET /x HTTP/1.1\r\nHost: evil.example.com/path\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 400").doesNotContain("Location");
        }
    }

    @Test
    void plainHttpOnTheTlsPortIsRefused() {
        assertThat(plainResponds(
                        URI.create("http://127.0.0.1:" + gateway.gateway().port() + "/observe/health")))
                .isFalse();
    }

    private static boolean plainResponds(URI uri) {
        try {
            return Http.CLIENT
                            .send(
                                    HttpRequest.newBuilder(uri)
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static SSLContext trusting(Path store, String password) throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new UncheckedIOException(new IOException("keytool failed: " + output));
        }
    }
}
