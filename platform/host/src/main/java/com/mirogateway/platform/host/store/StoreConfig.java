package com.mirogateway.platform.host.store;

import io.helidon.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code store} section: which database, how to log in, pool and SQLite settings.
 *
 * @param url the JDBC URL; {@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}
 * @param username the PostgreSQL user (ignored for SQLite)
 * @param password the PostgreSQL password, read from the variable or file the config names; empty if none
 * @param poolSize most PostgreSQL connections (SQLite always uses one)
 * @param connectTimeout how long a statement waits for a connection before failing
 * @param busyTimeout SQLite's busy timeout (waits for another process's lock)
 * @param synchronous SQLite's {@code synchronous} pragma: {@code NORMAL} or {@code FULL}
 * @param journalSizeLimit SQLite's {@code journal_size_limit} in bytes
 */
public record StoreConfig(
        String url,
        String username,
        Optional<String> password,
        int poolSize,
        Duration connectTimeout,
        Duration busyTimeout,
        String synchronous,
        long journalSizeLimit) {

    /**
     * Reads the section.
     *
     * @param store the {@code store} node
     * @param dataDir the gateway's data folder, holding {@code gateway.db} when no URL is set
     * @param environment the process environment (for {@code password-env})
     * @return the configuration
     * @throws IllegalArgumentException if the URL names neither SQLite nor PostgreSQL, or the password file is missing
     */
    public static StoreConfig from(Config store, Path dataDir, Map<String, String> environment) {
        String url = store.get("url")
                .asString()
                .filter(u -> !u.isBlank())
                .orElse("jdbc:sqlite:" + dataDir.resolve("gateway.db").toAbsolutePath());
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("store.url must be a jdbc:sqlite: or jdbc:postgresql: URL, not " + url);
        }
        Optional<String> password =
                store.get("password-env").asString().filter(n -> !n.isBlank()).map(environment::get);
        Optional<String> file = store.get("password-file").asString().filter(f -> !f.isBlank());
        if (password.isEmpty() && file.isPresent()) {
            try {
                password = Optional.of(Files.readString(Path.of(file.get()), StandardCharsets.UTF_8)
                        .strip());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read store.password-file " + file.get(), e);
            }
        }
        return new StoreConfig(
                url,
                store.get("username").asString().orElse(""),
                password,
                store.get("pool-size").asInt().orElse(10),
                store.get("connect-timeout").as(Duration.class).orElse(Duration.ofSeconds(30)),
                store.get("sqlite.busy-timeout").as(Duration.class).orElse(Duration.ofSeconds(5)),
                store.get("sqlite.synchronous").asString().orElse("NORMAL"),
                store.get("sqlite.journal-size-limit").asLong().orElse(67_108_864L));
    }

    /** Whether this is a SQLite database. */
    boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }
}
