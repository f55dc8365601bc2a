package com.mirogateway.platform.host.security;

import io.helidon.common.tls.Tls;
import io.helidon.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code tls} section: HTTPS on the gateway's listener from a PKCS12 keystore.
 *
 * @param keystore the PKCS12 file; empty means plain HTTP
 * @param password where the keystore's password comes from ({@code tls.keystore-password-env} or {@code -file})
 * @param keyAlias the key entry to serve; empty means the keystore's only (or first) key entry
 * @param redirectPort a plain-HTTP port whose every request is redirected (308) to HTTPS; {@code -1} for none
 * @param hstsMaxAge the {@code max-age} of {@code Strict-Transport-Security}
 * @param hstsIncludeSubdomains whether HSTS also covers subdomains
 */
record TlsSettings(
        Optional<Path> keystore,
        SecretRef password,
        Optional<String> keyAlias,
        int redirectPort,
        Duration hstsMaxAge,
        boolean hstsIncludeSubdomains) {

    /** Reads the section; relative paths are resolved against {@code home}. */
    static TlsSettings from(Config tls, Path home) {
        return new TlsSettings(
                Settings.string(tls.get("keystore")).map(home::resolve),
                SecretRef.from(tls, "keystore-password"),
                Settings.string(tls.get("key-alias")),
                Settings.integer(tls.get("redirect-port"), -1),
                Settings.duration(tls.get("hsts-max-age"), Duration.ofDays(365)),
                tls.get("hsts-include-subdomains").asBoolean().orElse(false));
    }

    boolean enabled() {
        return keystore.isPresent();
    }

    /** The {@code Strict-Transport-Security} value. */
    String hsts() {
        return "max-age=" + hstsMaxAge.toSeconds() + (hstsIncludeSubdomains ? "; includeSubDomains" : "");
    }

    /**
     * Loads the keystore into Helidon's TLS settings.
     *
     * @throws SecurityConfigException if the keystore, its password or the key entry is unusable
     */
    Tls load(Map<String, String> environment) {
        Path file = keystore.orElseThrow();
        char[] secret = password.read(environment)
                .orElseThrow(() -> new SecurityConfigException("tls.keystore is set, so its password is needed: set "
                        + "tls.keystore-password-env or tls.keystore-password-file"))
                .chars();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            String alias = keyAlias.orElseGet(() -> firstKeyAlias(store));
            if (!store.isKeyEntry(alias)) {
                throw new SecurityConfigException("tls.keystore " + file + " has no key entry '" + alias + "'");
            }
            PrivateKey key = (PrivateKey) store.getKey(alias, secret);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) certificate);
            }
            return Tls.builder().privateKey(key).privateKeyCertChain(chain).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new SecurityConfigException(
                    "Cannot load tls.keystore " + file + " (wrong password or not PKCS12?)", e);
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    private static String firstKeyAlias(KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return alias;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new SecurityConfigException("Cannot list the entries of tls.keystore", e);
        }
        throw new SecurityConfigException("tls.keystore holds no private key entry");
    }
}
