package com.mirogateway.platform.host.miro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.api.StoreException;
import io.helidon.dbclient.DbClientException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps the rotated OAuth token pair in the store ({@code gateway_miro_tokens}), encrypted with AES-GCM under a key from
 * the environment, so a restarted gateway (or another instance sharing PostgreSQL) continues with the newest pair
 * instead of a refresh token Miro already invalidated. The row holds base64 of a random 12-byte nonce followed by the
 * ciphertext and tag; the row id is authenticated as associated data. Thread-safe.
 */
final class TokenVault {
    private static final System.Logger LOG = System.getLogger(TokenVault.class.getName());
    private static final String ID = "default";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /**
     * A pair as stored, with the fingerprint of the configured refresh token it descends from.
     *
     * @param pair the tokens
     * @param origin the {@link #fingerprint} of the configured refresh token the pair was rotated from
     */
    record Stored(TokenPair pair, String origin) {}

    TokenVault(Store store, byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new MiroConfigException(
                    "The token encryption key must be 16, 24 or 32 bytes (base64), not " + key.length + " bytes");
        }
        this.store = store;
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Decodes a base64 key as configured. */
    static byte[] decodeKey(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new MiroConfigException("The token encryption key is not base64", e);
        }
    }

    /** A one-way fingerprint of a refresh token (SHA-256, hex), to notice when ops configure a new one. */
    static String fingerprint(String refreshToken) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored pair; empty if there is none or it cannot be decrypted (another key), which is logged. */
    Optional<Stored> load() {
        Optional<String> sealed;
        try {
            sealed = store.db()
                    .execute()
                    .get("SELECT sealed FROM gateway_miro_tokens WHERE id = ?", ID)
                    .map(row -> row.column("sealed").getString());
        } catch (DbClientException e) {
            throw new StoreException("Cannot read the stored Miro tokens: " + e.getMessage(), e);
        }
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(open(sealed.get()));
            String access = json.path("access_token").asText("");
            return Optional.of(new Stored(
                    new TokenPair(
                            access.isEmpty() ? Optional.empty() : Optional.of(access),
                            json.path("refresh_token").asText(),
                            Instant.ofEpochMilli(json.path("expires_at").asLong())),
                    json.path("origin").asText("")));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            LOG.log(
                    Level.WARNING,
                    "The stored Miro tokens cannot be decrypted (was miro.oauth.token-encryption-key changed?);"
                            + " starting from the configured refresh token");
            return Optional.empty();
        }
    }

    /** Stores a pair, replacing the previous one. */
    void save(TokenPair pair, String origin) {
        ObjectNode json = JSON.createObjectNode();
        json.put("access_token", pair.accessToken().orElse(""));
        json.put("refresh_token", pair.refreshToken());
        json.put("expires_at", pair.expiresAt().toEpochMilli());
        json.put("origin", origin);
        String sealed;
        try {
            sealed = seal(JSON.writeValueAsBytes(json));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot encrypt the Miro tokens", e);
        }
        try {
            store.db()
                    .execute()
                    .dml(
                            "INSERT INTO gateway_miro_tokens (id, sealed, updated_at) VALUES (?, ?, ?)"
                                    + " ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed,"
                                    + " updated_at = excluded.updated_at",
                            ID,
                            sealed,
                            System.currentTimeMillis());
        } catch (DbClientException e) {
            throw new StoreException("Cannot store the Miro tokens: " + e.getMessage(), e);
        }
    }

    private String seal(byte[] plain) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad());
        byte[] sealed = cipher.doFinal(plain);
        byte[] out = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }

    private byte[] open(String text) throws GeneralSecurityException {
        byte[] in = Base64.getDecoder().decode(text);
        if (in.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("Too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
        cipher.updateAAD(aad());
        return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
    }

    private static byte[] aad() {
        return ("gateway_miro_tokens:" + ID).getBytes(StandardCharsets.UTF_8);
    }
}
