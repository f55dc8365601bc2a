package com.mirogateway.platform.host.security;

import io.helidon.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a secret comes from: an environment variable or a file (a mounted secret), named in configuration; never the
 * secret itself. The one convention for every secret the host reads (keystore password, Miro client secret and tokens,
 * token-encryption key, database password).
 *
 * <p>For a secret called {@code <name>} under a node, the node holds {@code <name>-env: VARIABLE} or {@code
 * <name>-file: /run/secrets/x} (at most one). A literal {@code <name>: value} is refused: secrets are not written into
 * configuration. A file's content is used with trailing whitespace (the newline of {@code echo > file}) removed.
 *
 * <p>{@link #toString()} names the reference, never the value; so does every exception. Immutable and thread-safe.
 *
 * @param name the secret's key, e.g. {@code tls.keystore-password}, for messages
 * @param env the environment variable holding it, if configured that way
 * @param file the file holding it, if configured that way
 */
public record SecretRef(String name, Optional<String> env, Optional<Path> file) {

    /**
     * Reads the reference of secret {@code name} under {@code node}.
     *
     * @param node the configuration node holding {@code <name>-env} or {@code <name>-file}
     * @param name the secret's key under that node, e.g. {@code keystore-password}
     * @return the reference; {@link #isConfigured()} is false if neither key is set (blank counts as unset)
     * @throws SecurityConfigException if both keys are set, or the secret is written literally under {@code name}
     */
    public static SecretRef from(Config node, String name) {
        String key = node.key().toString().isEmpty() ? name : node.key() + "." + name;
        if (node.get(name).exists() && node.get(name).isLeaf()) {
            throw new SecurityConfigException(key + " must not hold the secret itself; set " + key + "-env (an "
                    + "environment variable's name) or " + key + "-file (a file's path) instead");
        }
        Optional<String> env = nonBlank(node.get(name + "-env"));
        Optional<Path> file = nonBlank(node.get(name + "-file")).map(Path::of);
        if (env.isPresent() && file.isPresent()) {
            throw new SecurityConfigException("Set either " + key + "-env or " + key + "-file, not both");
        }
        return new SecretRef(key, env, file);
    }

    /**
     * Whether the configuration names a source for the secret.
     *
     * @return true if {@code -env} or {@code -file} is set
     */
    public boolean isConfigured() {
        return env.isPresent() || file.isPresent();
    }

    /**
     * Reads the secret from the process environment or its file.
     *
     * @return the secret, or empty if no source is configured
     * @throws SecurityConfigException if the variable is unset or empty, or the file is unreadable or empty
     */
    public Optional<Secret> read() {
        return read(System.getenv());
    }

    /**
     * Reads the secret from the given environment or its file.
     *
     * @param environment the environment variables to look the variable up in
     * @return the secret, or empty if no source is configured
     * @throws SecurityConfigException if the variable is unset or empty, or the file is unreadable or empty
     */
    public Optional<Secret> read(Map<String, String> environment) {
        if (env.isPresent()) {
            String value = environment.get(env.get());
            if (value == null || value.isEmpty()) {
                throw new SecurityConfigException(
                        name + ": environment variable " + env.get() + " is not set or empty");
            }
            return Optional.of(new Secret(value));
        }
        if (file.isPresent()) {
            String value;
            try {
                value = Files.readString(file.get(), StandardCharsets.UTF_8).stripTrailing();
            } catch (IOException e) {
                throw new SecurityConfigException(name + ": cannot read secret file " + file.get(), e);
            }
            if (value.isEmpty()) {
                throw new SecurityConfigException(name + ": secret file " + file.get() + " is empty");
            }
            return Optional.of(new Secret(value));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name
                + env.map(e -> " (from environment variable " + e + ")")
                        .or(() -> file.map(f -> " (from file " + f + ")"))
                        .orElse(" (not configured)");
    }

    private static Optional<String> nonBlank(Config node) {
        return node.asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * A secret's value. {@link #toString()} masks it, so logging one by mistake leaks nothing.
     *
     * @param value the secret
     */
    public record Secret(String value) {
        /**
         * The value as characters, for APIs such as {@link java.security.KeyStore#load} that take them.
         *
         * @return a fresh copy of the characters
         */
        public char[] chars() {
            return value.toCharArray();
        }

        @Override
        public String toString() {
            return "****";
        }
    }
}
