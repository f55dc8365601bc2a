package com.mirogateway.platform.host.http;

import com.mirogateway.platform.api.CorrelationId;
import com.mirogateway.platform.host.logging.LogContext;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * First filter of every request: takes the correlation id from {@code X-Request-Id} or the trace id of a W3C
 * {@code traceparent}, else generates one; echoes it as {@code X-Request-Id}; registers it in the request context and
 * the thread's {@link LogContext} for the rest of the request.
 *
 * <p>A client-supplied id is only accepted when it is 1–128 characters of {@code [A-Za-z0-9._:@/+=-]}, so nothing a
 * client sends can forge log structure.
 */
final class CorrelationFilter implements Filter {
    private static final HeaderName REQUEST_ID = HeaderNames.create(CorrelationId.HEADER);
    private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    private static final Pattern TRACE = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String id = correlationId(req.headers());
        req.context().register(new CorrelationId(id));
        res.header(REQUEST_ID, id);
        LogContext.set(id);
        try {
            chain.proceed();
        } finally {
            LogContext.clear();
        }
    }

    static String correlationId(Headers headers) {
        Optional<String> given =
                headers.first(REQUEST_ID).filter(v -> SAFE_ID.matcher(v).matches());
        if (given.isPresent()) {
            return given.get();
        }
        return headers.first(TRACEPARENT)
                .map(TRACE::matcher)
                .filter(java.util.regex.Matcher::matches)
                .map(m -> m.group(1))
                .orElseGet(CorrelationFilter::newId);
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a correlation id only has to be unique, not
     * unguessable, and {@link UUID#randomUUID()} would make every request without an id take the shared
     * {@code SecureRandom}.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
