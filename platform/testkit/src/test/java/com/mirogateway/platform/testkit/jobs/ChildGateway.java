package com.mirogateway.platform.testkit.jobs;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in its own JVM ({@code com.mirogateway.platform.host.Main} on the test class path), so a test can kill it
 * with SIGKILL mid-job. Its home holds {@code conf/application.yaml} (written here from the given YAML) and the demo
 * plugins; its log goes to {@code <home>/gateway-<port>.log}.
 */
final class ChildGateway implements AutoCloseable {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ChildGateway(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Prepares a home folder: the demo plugins and a configuration with the given store and jobs sections. */
    static Path home(Path home, String storeYaml) {
        try {
            Files.createDirectories(home.resolve("conf"));
            DemoPlugins.worker().writeTo(home.resolve("plugins"));
            DemoPlugins.producer().writeTo(home.resolve("plugins"));
            Files.writeString(
                    home.resolve("conf/application.yaml"),
                    String.join(
                            "\n",
                            "security:",
                            "  enabled: false",
                            storeYaml,
                            "jobs:",
                            "  concurrency: 16",
                            "  lease: PT2S",
                            "  renew-interval: PT0.5S",
                            "  reap-interval: PT0.5S",
                            "  poll-interval: PT0.2S",
                            "  backoff-base: PT0.2S",
                            "  backoff-cap: PT0.5S",
                            "  shutdown-grace: PT2S",
                            ""),
                    StandardCharsets.UTF_8);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a gateway on a free port and waits until it is ready. */
    static ChildGateway start(Path home) {
        int port = freePort();
        Path log = home.resolve("gateway-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dgateway.home=" + home));
        String logging = System.getProperty("java.util.logging.config.file");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.add("com.mirogateway.platform.host.Main");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("GATEWAY_SERVER_PORT", Integer.toString(port));
        builder.environment().put("GATEWAY_SERVER_HOST", "127.0.0.1");
        try {
            ChildGateway child = new ChildGateway(builder.start(), port, log);
            try {
                child.awaitReady();
            } catch (RuntimeException | Error e) {
                child.process.destroyForcibly();
                throw e;
            }
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** SIGKILL: the JVM gets no chance to release its jobs or run shutdown hooks. */
    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux and macOS
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The gateway did not die");
        }
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("The gateway exited with " + process.exitValue() + "; log:\n"
                                + Files.readString(log, StandardCharsets.UTF_8));
                    }
                    try {
                        return get("/observe/health/ready").statusCode() < 300;
                    } catch (UncheckedIOException e) {
                        return false;
                    }
                });
    }

    /** SIGTERM, then waits for the graceful shutdown. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
