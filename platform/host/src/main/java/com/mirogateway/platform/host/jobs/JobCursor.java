package com.mirogateway.platform.host.jobs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code cursor} of {@code /admin/jobs}: the (created_at, id) of the last job of a page, base64url-encoded.
 *
 * @param createdAt the last job's creation time in epoch milliseconds
 * @param id the last job's id
 */
record JobCursor(long createdAt, String id) {

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((createdAt + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or empty if {@code text} is not one this gateway wrote. */
    static Optional<JobCursor> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon < 1 || colon == plain.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new JobCursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
