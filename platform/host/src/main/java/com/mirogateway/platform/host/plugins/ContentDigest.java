package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.host.plugins.ArchiveRejectedException.Reason;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The RFC 9530 {@code Content-Digest} of an upload: a structured-field dictionary whose {@code sha-256} member is the
 * base64 of the body's SHA-256 between colons ({@code sha-256=:X48E9q...=:}). Other algorithms may be listed too; the
 * gateway requires and checks {@code sha-256}.
 */
final class ContentDigest {
    private final byte[] sha256;

    private ContentDigest(byte[] sha256) {
        this.sha256 = sha256.clone();
    }

    /**
     * Reads the {@code sha-256} member of a header value.
     *
     * @param header the header's value, if the request had one
     * @return the digest it declares
     * @throws ArchiveRejectedException ({@link Reason#DIGEST}) if the header is missing, has no {@code sha-256}
     *     member, or the member is not a byte sequence of 32 bytes
     */
    static ContentDigest parse(Optional<String> header) {
        String value = header.orElseThrow(() -> rejected(
                "The Content-Digest header is required: Content-Digest: sha-256=:<base64 of the body's SHA-256>:"));
        for (String member : value.split(",")) {
            int equals = member.indexOf('=');
            if (equals < 0
                    || !member.substring(0, equals)
                            .trim()
                            .toLowerCase(Locale.ROOT)
                            .equals("sha-256")) {
                continue;
            }
            String item = member.substring(equals + 1).trim();
            if (item.length() < 2 || item.charAt(0) != ':' || item.charAt(item.length() - 1) != ':') {
                throw rejected("The sha-256 member of Content-Digest must be a byte sequence (:<base64>:)");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(item.substring(1, item.length() - 1));
            } catch (IllegalArgumentException e) {
                throw new ArchiveRejectedException(
                        Reason.DIGEST, "The sha-256 member of Content-Digest is not valid base64", e);
            }
            if (bytes.length != 32) {
                throw rejected("The sha-256 member of Content-Digest has " + bytes.length + " bytes, not 32");
            }
            return new ContentDigest(bytes);
        }
        throw rejected("Content-Digest has no sha-256 member; the gateway checks sha-256");
    }

    /**
     * Checks the body's actual digest against the declared one.
     *
     * @param actual the SHA-256 of the received body
     * @throws ArchiveRejectedException ({@link Reason#DIGEST}) if they differ
     */
    void check(byte[] actual) {
        if (!MessageDigest.isEqual(sha256, actual)) {
            throw rejected("The body's SHA-256 is " + header(actual) + ", not the " + header(sha256)
                    + " Content-Digest declares; the upload was altered or truncated");
        }
    }

    /** The header form of a SHA-256, {@code sha-256=:<base64>:}; also how the audit log shows a digest. */
    static String header(byte[] sha256) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256) + ":";
    }

    /** The header form of the SHA-256 of {@code content}. */
    static String of(byte[] content) {
        try {
            return header(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    private static ArchiveRejectedException rejected(String message) {
        return new ArchiveRejectedException(Reason.DIGEST, message);
    }
}
