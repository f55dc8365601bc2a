package com.mirogateway.platform.host.security;

import io.helidon.config.Config;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The effective configuration as {@code key=value} lines for logs, with the value of every key that looks like a
 * secret masked. A key is secret-like when its last segment names a password, secret, token, passphrase, credential or
 * private/encryption/API key; a {@code -env} or {@code -file} reference to a secret is not masked (it names where the
 * secret is, not the secret). {@code GATEWAY_*} environment variables become keys too, so a secret passed that way is
 * masked by its name as well.
 */
final class ConfigDump {
    private static final Pattern SECRET_LIKE = Pattern.compile(
            "(?i).*(password|passwd|secret|token|passphrase|credential|private-?key|api-?key|encryption-?key).*");
    private static final Pattern REFERENCE = Pattern.compile("(?i).*-(env|file)$");
    static final String MASK = "****";

    private ConfigDump() {}

    /** Every leaf of {@code config}, sorted by key, secret-like values masked. */
    static List<String> lines(Config config) {
        return config.traverse()
                .filter(Config::isLeaf)
                .map(node -> node.key() + "="
                        + (isSecret(node.key().name()) ? MASK : node.asString().orElse("")))
                .sorted()
                .toList();
    }

    static boolean isSecret(String keyName) {
        return SECRET_LIKE.matcher(keyName).matches()
                && !REFERENCE.matcher(keyName).matches();
    }
}
