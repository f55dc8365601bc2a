package com.mirogateway.dist;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/gateway} running as a real child process on a free port, its standard output and error captured in
 * files under the distribution's log folder.
 *
 * <p>Not thread-safe; one test class drives one process. {@link #close()} kills the process if a test left it running.
 */
final class GatewayProcess implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path stdout;
    private final Path stderr;
    /** Kills the gateway should the test JVM stop before {@link #close()} (a timeout, Ctrl-C on Maven). */
    private final Thread killOnExit;

    private GatewayProcess(Process process, int port, Path stdout, Path stderr) {
        this.process = process;
        this.port = port;
        this.stdout = stdout;
        this.stderr = stderr;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-gateway-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts a launcher without waiting for it to serve.
     *
     * @param launcher {@code bin/gateway}, or a symlink to it
     * @param name names the log files ({@code <name>.stdout.log}, {@code <name>.stderr.log})
     * @param logs the folder for the log files
     * @param environment the whole environment of the process (nothing is inherited)
     * @param port the port to serve on ({@code GATEWAY_SERVER_PORT})
     * @return the running process
     */
    static GatewayProcess start(Path launcher, String name, Path logs, Map<String, String> environment, int port) {
        try {
            Files.createDirectories(logs);
            Path out = logs.resolve(name + ".stdout.log");
            Path err = logs.resolve(name + ".stderr.log");
            ProcessBuilder builder = new ProcessBuilder(launcher.toString())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            builder.environment().put("GATEWAY_SERVER_PORT", Integer.toString(port));
            return new GatewayProcess(builder.start(), port, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The usual environment: a PATH to find bash and coreutils, the JDK running the tests, authentication explicitly
     * off (these tests are about the distribution, not OIDC), then the given settings.
     */
    static Map<String, String> environment(Map<String, String> settings) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("JAVA_OPTS", "-Xms64m -Xmx256m");
        environment.put("GATEWAY_SECURITY_ENABLED", "false");
        environment.putAll(settings);
        return environment;
    }

    /** A port nothing listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /observe/health} answers 200; fails at once if the process exits first. */
    void awaitHealthy(HttpClient client) {
        HttpRequest health = HttpRequest.newBuilder(uri("/observe/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        await("gateway on port " + port + " healthy")
                .atMost(STARTUP)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("The gateway exited with status " + process.exitValue()
                                + " before serving; output:\n" + output());
                    }
                    return client.send(health, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
    }

    /** An absolute URI on this gateway. */
    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** Sends SIGTERM ({@link Process#destroy()} on Linux). */
    void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, nothing flushed. */
    void kill() {
        process.destroyForcibly();
    }

    /**
     * Waits for the process to exit.
     *
     * @return its exit status
     * @throws AssertionError if it is still running after {@code timeout}
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The gateway still runs " + timeout + " after being asked to stop");
        }
        return process.exitValue();
    }

    /** Every line written to standard output so far. */
    List<String> stdoutLines() {
        return lines(stdout);
    }

    /** Every line written to standard error so far. */
    List<String> stderrLines() {
        return lines(stderr);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Standard output and error so far, for failure messages. */
    String output() {
        try {
            return Files.readString(stdout, StandardCharsets.UTF_8) + "\n--- stderr ---\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook kills the process
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
