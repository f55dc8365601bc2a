package com.mirogateway.platform.host.miro;

import java.util.Optional;

/**
 * Where the client's Miro access token comes from. Called on the calling thread before each call to Miro.
 * Implementations are thread-safe.
 */
interface AccessTokens {

    /**
     * The token to send now, refreshed first if it is about to expire.
     *
     * @return the token, or empty to send no {@code Authorization} header (no credentials configured)
     */
    Optional<String> current();

    /**
     * Miro refused {@code rejected} with a 401: a different token to try once more, if one can be had (refreshing
     * unless another caller already did since {@code rejected} was handed out).
     *
     * @param rejected the token Miro refused
     * @return a new token to retry with, or empty if there is none
     */
    Optional<String> afterRejection(String rejected);

    /** No credentials: calls go without {@code Authorization} (Miro will answer 401; fine for tests and mocks). */
    AccessTokens NONE = new AccessTokens() {
        @Override
        public Optional<String> current() {
            return Optional.empty();
        }

        @Override
        public Optional<String> afterRejection(String rejected) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "no credentials";
        }
    };

    /**
     * A token that never changes (a non-expiring Miro token, or one rotated outside the gateway).
     *
     * @param token the token
     * @return the tokens
     */
    static AccessTokens fixed(String token) {
        return new AccessTokens() {
            @Override
            public Optional<String> current() {
                return Optional.of(token);
            }

            @Override
            public Optional<String> afterRejection(String rejected) {
                return Optional.empty();
            }

            @Override
            public String toString() {
                return "static token";
            }
        };
    }
}
