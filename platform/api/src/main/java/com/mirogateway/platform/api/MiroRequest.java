package com.mirogateway.platform.api;

import io.helidon.http.Method;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One call to the Miro REST API, built with {@link #builder(Method, String...)} or {@link #get(String...)}.
 *
 * @param method the HTTP method
 * @param rawPath the absolute path, percent-encoded, such as {@code /v2/boards/uXjVOD6Lzs4%3D/items}
 * @param query the query parameters in order, not encoded (the client encodes them)
 * @param jsonBody the JSON request body, sent as {@code application/json}; empty for none
 * @param priority whether a user waits for the answer, which decides how much of the rate budget the call may use
 * @param credits what the call costs in Miro's rate budget (50, 100, 500 or 2,000 for Miro's levels 1-4)
 * @param retryable whether the client may send the call again after a 5xx or connection error (true by default only
 *     for {@code GET} and {@code HEAD}: a retried write could apply twice)
 */
public record MiroRequest(
        Method method,
        String rawPath,
        List<Param> query,
        Optional<String> jsonBody,
        Priority priority,
        int credits,
        boolean retryable) {

    /** Whose call this is, for Miro's rate budget. */
    public enum Priority {
        /** A client request waits for the answer: may use the whole budget, and waits briefly rather than fail. */
        INTERACTIVE,
        /**
         * A background job (sync, refresh): only uses the budget above the reserve kept for interactive calls, and
         * never waits; it gets {@link MiroRateLimitedException} with the reset time instead, so a job can put itself
         * off with {@link RetryLaterException}.
         */
        BACKGROUND
    }

    /**
     * A query parameter.
     *
     * @param name the name, not encoded
     * @param value the value, not encoded
     */
    public record Param(String name, String value) {}

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if the path is not absolute or the credits are negative
     */
    public MiroRequest {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new IllegalArgumentException("A Miro request path is absolute: " + rawPath);
        }
        if (credits < 0) {
            throw new IllegalArgumentException("A Miro call costs at least 0 credits: " + credits);
        }
        query = List.copyOf(query);
    }

    /**
     * Starts a request on a path made of segments, each percent-encoded (so {@code uXjV=} becomes {@code uXjV%3D}).
     *
     * @param method the HTTP method
     * @param segments the path's segments, not encoded, such as {@code "v2", "boards", boardId}
     * @return a builder
     */
    public static Builder builder(Method method, String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(encode(segment));
        }
        return new Builder(method, path.isEmpty() ? "/" : path.toString());
    }

    /**
     * Starts a {@code GET} on a path made of segments.
     *
     * @param segments the path's segments, not encoded
     * @return a builder
     * @see #builder(Method, String...)
     */
    public static Builder get(String... segments) {
        return builder(Method.GET, segments);
    }

    /**
     * Percent-encodes one path segment or query component (RFC 3986 unreserved characters stay as they are).
     *
     * @param text the text
     * @return the encoded text
     */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%7E", "~");
    }

    /** Builds a {@link MiroRequest}. */
    public static final class Builder {
        private final Method method;
        private final String rawPath;
        private final List<Param> query = new ArrayList<>();
        private String jsonBody;
        private Priority priority = Priority.INTERACTIVE;
        private Integer credits;
        private Boolean retryable;

        private Builder(Method method, String rawPath) {
            this.method = method;
            this.rawPath = rawPath;
        }

        /**
         * Adds a query parameter.
         *
         * @param name the name, not encoded
         * @param value the value, not encoded
         * @return this builder
         */
        public Builder query(String name, String value) {
            query.add(new Param(name, value));
            return this;
        }

        /**
         * Sets a JSON body.
         *
         * @param json the body
         * @return this builder
         */
        public Builder json(String json) {
            this.jsonBody = json;
            return this;
        }

        /**
         * Marks the call as background work (see {@link Priority#BACKGROUND}).
         *
         * @return this builder
         */
        public Builder background() {
            this.priority = Priority.BACKGROUND;
            return this;
        }

        /**
         * Sets the call's cost in rate-budget credits; the default is 100 (Miro's level 2), 500 for {@code DELETE}.
         *
         * @param credits the cost
         * @return this builder
         */
        public Builder credits(int credits) {
            this.credits = credits;
            return this;
        }

        /**
         * Says whether the call may be sent again after a 5xx or connection error.
         *
         * @param retryable true to allow retries
         * @return this builder
         */
        public Builder retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public MiroRequest build() {
            boolean safe = method.equals(Method.GET) || method.equals(Method.HEAD);
            int cost = credits != null ? credits : method.equals(Method.DELETE) ? 500 : 100;
            return new MiroRequest(
                    method,
                    rawPath,
                    query,
                    Optional.ofNullable(jsonBody),
                    priority,
                    cost,
                    retryable != null ? retryable : safe);
        }
    }
}
