package com.mirogateway.plugins.boardsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node packages the tests run (Miro's official client and Prism), installed by the build: {@code
 * src/test/node} (package.json, package-lock.json, scripts) is copied to {@code target/node-tests} and {@code npm ci}
 * runs there whenever the lock file changed. A machine without {@code node} and {@code npm} skips the Node tests with
 * the reason printed; a failing install fails them.
 */
final class NodeModules {
    private static final Path SOURCE = Path.of("src/test/node");
    private static final Path TARGET = Path.of("target/node-tests");
    private static final Map<Path, Path> INSTALLED = new HashMap<>();

    private NodeModules() {}

    /** The folder holding the scripts and their {@code node_modules}, installed if needed. */
    static Path install() {
        return install(SOURCE, TARGET);
    }

    /**
     * Copies a Node project's files ({@code package.json}, {@code package-lock.json}, scripts) from {@code source} to
     * {@code target} and runs {@code npm ci} there when the lock file changed; skips the calling test without Node.
     *
     * @return the installed folder
     */
    static synchronized Path install(Path source, Path target) {
        Path installed = INSTALLED.get(target);
        if (installed != null) {
            return installed;
        }
        for (String tool : List.of("node", "npm")) {
            if (!onPath(tool)) {
                String reason = "SKIPPED: '" + tool + "' is not on the PATH; install Node 20+ to run the Node tests";
                System.out.println(reason);
                Assumptions.abort(reason);
            }
        }
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            String lock = sha256(Files.readAllBytes(target.resolve("package-lock.json")));
            Path stamp = target.resolve("node_modules/.installed-lock");
            if (!Files.isRegularFile(stamp) || !Files.readString(stamp).equals(lock)) {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline")
                        .directory(target.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(target.resolve("npm-ci.log").toFile())
                        .start();
                assertThat(npm.waitFor(10, TimeUnit.MINUTES))
                        .as("npm ci finished")
                        .isTrue();
                assertThat(npm.exitValue())
                        .as("npm ci in %s (see npm-ci.log there)", target.toAbsolutePath())
                        .isZero();
                Files.writeString(stamp, lock);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        installed = target.toAbsolutePath();
        INSTALLED.put(target, installed);
        return installed;
    }

    /**
     * Starts a process in the Node folder, its output going to {@code <name>.log} there.
     *
     * @param name the log's name
     * @param command the command
     * @return the process
     */
    static Process start(String name, List<String> command) {
        return start(install(), name, command);
    }

    /** Starts a process in an installed folder, its output going to {@code <name>.log} there. */
    static Process start(Path dir, String name, List<String> command) {
        return start(dir, name, command, Map.of());
    }

    /** Starts a process in an installed folder with extra environment variables. */
    static Process start(Path dir, String name, List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder process = new ProcessBuilder(new ArrayList<>(command));
            process.environment().putAll(environment);
            return process.directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output a process started with {@link #start} wrote so far. */
    static String log(String name) {
        return log(install(), name);
    }

    /** The output a process started in {@code dir} wrote so far. */
    static String log(Path dir, String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
