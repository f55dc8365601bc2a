package com.mirogateway.platform.host.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Problem bodies for errors Helidon answers before routing (malformed request line or headers, body over
 * {@code server.max-payload-size}, ...), so every error the gateway sends is {@code application/problem+json}.
 *
 * <p>The detail is fixed per status: Helidon's own message may quote the offending request.
 */
final class ProblemDirectHandler implements DirectHandler {
    private static final Status HEADERS_TOO_LARGE = Status.create(431, "Request Header Fields Too Large");

    static DirectHandlers handlers() {
        ProblemDirectHandler handler = new ProblemDirectHandler();
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status status,
            ServerResponseHeaders headers,
            String message) {
        Status effective = headersRejected(request, eventType, status) ? HEADERS_TOO_LARGE : status;
        String requestId = CorrelationFilter.correlationId(request.headers());
        byte[] body = Problems.body(effective, Problems.slugOf(effective), detail(effective), null, requestId);
        return TransportResponse.builder()
                .status(effective)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .header(HeaderNames.create(com.mirogateway.platform.api.CorrelationId.HEADER), requestId)
                .keepAlive(eventType.keepAlive())
                .entity(body)
                .build();
    }

    /**
     * Helidon answers headers over {@code max-headers-size} with a plain 400 and hides why (the message is not "safe").
     * What it does pass on is the request line it had parsed and no headers: that is a header block it refused, and
     * for a real client the reason is its size, so the answer is 431 as an over-long request line's is 414. (A
     * hand-made malformed header block gets the same 431; its detail says "too large or malformed".)
     */
    static boolean headersRejected(TransportRequest request, EventType eventType, Status status) {
        return status.code() == 400
                && eventType == EventType.BAD_REQUEST
                && request.headers().size() == 0
                && !request.method().isEmpty()
                && request.path().startsWith("/");
    }

    private static String detail(Status status) {
        return switch (status.code()) {
            case 400 -> "The request is malformed";
            case 413 -> "The request body is larger than the gateway accepts";
            case 414 -> "The request line is longer than the gateway accepts";
            case 431 -> "The request headers are larger than the gateway accepts, or malformed";
            case 505 -> "The HTTP version is not supported";
            default -> status.reasonPhrase();
        };
    }
}
