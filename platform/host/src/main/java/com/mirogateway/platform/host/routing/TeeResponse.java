package com.mirogateway.platform.host.routing;

import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The legacy answer on a compared request: everything goes to the client unchanged, and a copy of the body (up to the
 * capture limit) is kept for the comparison. An entity sent as an object (not bytes) cannot be copied and marks the
 * body as not captured.
 */
final class TeeResponse extends ForwardingResponse {
    private final BodyCapture body;
    private boolean uncapturable;

    TeeResponse(ServerResponse delegate, int limit) {
        super(delegate);
        this.body = new BodyCapture(limit);
    }

    @Override
    public void send(byte[] bytes) {
        body.adopt(bytes);
        super.send(bytes);
    }

    @Override
    public void send(byte[] bytes, int position, int length) {
        body.write(bytes, position, length);
        super.send(bytes, position, length);
    }

    @Override
    public void send(Object entity) {
        if (entity instanceof byte[] bytes) {
            send(bytes);
            return;
        }
        uncapturable = true;
        super.send(entity);
    }

    @Override
    public void send(Optional<?> entity) {
        uncapturable = true;
        super.send(entity);
    }

    @Override
    public OutputStream outputStream() {
        return body.tee(super.outputStream());
    }

    /** What the client received, once the legacy handler returned. */
    Answer answer(List<String> compareHeaders, long nanos) {
        return new Answer(
                status().code(),
                Answer.selected(headers(), compareHeaders),
                Answer.contentType(headers()),
                body.bytes(),
                body.truncated() || uncapturable,
                nanos,
                Optional.empty());
    }
}
