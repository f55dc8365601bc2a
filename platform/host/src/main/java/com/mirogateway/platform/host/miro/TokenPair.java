package com.mirogateway.platform.host.miro;

import java.time.Instant;
import java.util.Optional;

/**
 * An OAuth access and refresh token pair as Miro issued it. {@link #toString()} shows no token.
 *
 * @param accessToken the access token, empty before the first refresh
 * @param refreshToken the refresh token
 * @param expiresAt when the access token expires
 */
record TokenPair(Optional<String> accessToken, String refreshToken, Instant expiresAt) {

    /** Whether the access token is missing or expires within {@code ahead} of {@code now}. */
    boolean dueAt(Instant now, java.time.Duration ahead) {
        return accessToken.isEmpty() || !now.plus(ahead).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "TokenPair[access " + (accessToken.isPresent() ? "present" : "absent") + ", expires " + expiresAt + "]";
    }
}
