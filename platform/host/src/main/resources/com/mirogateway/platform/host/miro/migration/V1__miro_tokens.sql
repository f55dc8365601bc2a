-- The Miro client's OAuth token pair, rotated on every refresh: AES-GCM sealed (base64 of nonce + ciphertext + tag),
-- never in clear text. One row per Miro identity; the gateway uses 'default'. Times are epoch milliseconds.
CREATE TABLE gateway_miro_tokens (
    id VARCHAR(64) PRIMARY KEY,
    sealed TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
