package com.mirogateway.platform.host.store;

import com.mirogateway.platform.host.security.SecretRef;
import io.helidon.config.Config;
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
     * @throws IllegalArgumentException if the URL names neither SQLite nor PostgreSQL
     * @throws com.mirogateway.platform.host.security.SecurityConfigException if the password is written literally,
     *     both {@code password-env} and {@code password-file} are set, or the variable or file it names is missing
     */
    public static StoreConfig from(Config store, Path dataDir, Map<String, String> environment) {
        String url = store.get("url")
                .asString()
                .filter(u -> !u.isBlank())
                .orElse("jdbc:sqlite:" + dataDir.resolve("gateway.db").toAbsolutePath());
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("store.url must be a jdbc:sqlite: or jdbc:postgresql: URL, not " + url);
        }
        // the host's one secret convention: store.password-env or store.password-file, never store.password
        Optional<String> password =
                SecretRef.from(store, "password").read(environment).map(SecretRef.Secret::value);
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

    /** Masks the password, so logging the configuration leaks nothing. */
    @Override
    public String toString() {
        return "StoreConfig[url=" + url + ", username=" + username + ", password=" + password.map(p -> "****")
                + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + ", busyTimeout=" + busyTimeout
                + ", synchronous=" + synchronous + ", journalSizeLimit=" + journalSizeLimit + "]";
    }

    /** Whether this is a SQLite database. */
    boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }
}
