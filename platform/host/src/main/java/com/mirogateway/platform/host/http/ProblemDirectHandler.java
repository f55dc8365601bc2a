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
        String requestId = CorrelationFilter.correlationId(request.headers());
        byte[] body = Problems.body(status, Problems.slugOf(status), detail(status), null, requestId);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .header(HeaderNames.create(com.mirogateway.platform.api.CorrelationId.HEADER), requestId)
                .keepAlive(eventType.keepAlive())
                .entity(body)
                .build();
    }

    private static String detail(Status status) {
        return switch (status.code()) {
            case 400 -> "The request is malformed";
            case 413 -> "The request body is larger than the gateway accepts";
            case 414 -> "The request line is longer than the gateway accepts";
            case 431 -> "The request headers are larger than the gateway accepts";
            case 505 -> "The HTTP version is not supported";
            default -> status.reasonPhrase();
        };
    }
}
