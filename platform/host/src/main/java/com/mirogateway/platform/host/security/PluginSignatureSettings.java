package com.mirogateway.platform.host.security;

import com.mirogateway.platform.host.plugins.JarSignatures;
import io.helidon.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/**
 * The {@code plugins.signature} section: whether uploaded plugin archives must be signed ({@code required}) and by
 * whom ({@code truststore}, a PKCS12 file of trusted certificates; its password by {@link SecretRef}, {@code
 * truststore-password-env} or {@code -file}).
 */
public final class PluginSignatureSettings {
    private PluginSignatureSettings() {}

    /**
     * Reads the section and loads the truststore when signatures are required.
     *
     * @param signature the {@code plugins.signature} node
     * @param home the folder a relative truststore path is resolved against
     * @return the signature check, or empty when signatures are not required
     * @throws SecurityConfigException if signatures are required and the truststore is missing, unreadable, its
     *     password unset or wrong, or it holds no certificate
     */
    public static Optional<JarSignatures> from(Config signature, Path home) {
        if (!signature.get("required").asBoolean().orElse(false)) {
            return Optional.empty();
        }
        Path file = Settings.string(signature.get("truststore"))
                .map(home::resolve)
                .orElseThrow(() -> new SecurityConfigException(
                        "plugins.signature.required is true, so plugins.signature.truststore must name a PKCS12 file"));
        SecretRef password = SecretRef.from(signature, "truststore-password");
        char[] chars = password.read()
                .map(SecretRef.Secret::chars)
                .orElseThrow(() -> new SecurityConfigException("plugins.signature.truststore is set, so its password "
                        + "is needed: set plugins.signature.truststore-password-env or -file"));
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, chars);
            return Optional.of(new JarSignatures(store));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new SecurityConfigException(
                    "Cannot load plugins.signature.truststore " + file + ": " + e.getMessage(), e);
        }
    }
}
