package com.mirogateway.platform.host.routing;

import io.helidon.common.GenericType;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.Headers;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.http.media.EntityWriter;
import io.helidon.http.media.MediaContext;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The response a handler writes in a comparison's second run: nothing goes to any client; status, headers and body
 * (up to the capture limit) are kept. Entities sent as objects are serialised with the server's media support, as the
 * real response would. {@code next()} and {@code reroute(...)} are not possible off the client's path and throw.
 *
 * <p>Used by one shadow thread at a time.
 */
final class CapturingResponse implements ServerResponse {
    private final MediaContext media;
    private final Headers requestHeaders;
    private final BodyCapture body;
    private final ServerResponseHeaders headers = ServerResponseHeaders.create();
    private final ServerResponseTrailers trailers = ServerResponseTrailers.create();
    private final List<Runnable> beforeSend = new ArrayList<>();
    private final List<Runnable> whenSent = new ArrayList<>();
    private Status status = Status.OK_200;
    private UnaryOperator<OutputStream> filter = UnaryOperator.identity();
    private boolean sent;
    private long written;

    CapturingResponse(MediaContext media, Headers requestHeaders, int limit) {
        this.media = media;
        this.requestHeaders = requestHeaders;
        this.body = new BodyCapture(limit);
    }

    /** What the handler answered. */
    Answer answer(List<String> compareHeaders, long nanos, Optional<String> error) {
        return new Answer(
                status.code(),
                Answer.selected(headers, compareHeaders),
                Answer.contentType(headers),
                body.bytes(),
                body.truncated(),
                nanos,
                error);
    }

    @Override
    public ServerResponse status(Status status) {
        this.status = status;
        return this;
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public ServerResponse header(Header header) {
        headers.set(header);
        return this;
    }

    @Override
    public void send() {
        send(new byte[0]);
    }

    @Override
    public void send(byte[] bytes) {
        send(bytes, 0, bytes.length);
    }

    @Override
    public void send(byte[] bytes, int position, int length) {
        begin();
        try (OutputStream out = stream()) {
            out.write(bytes, position, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void send(Object entity) {
        if (entity instanceof byte[] bytes) {
            send(bytes);
            return;
        }
        begin();
        write(GenericType.create(entity), entity);
    }

    private <T> void write(GenericType<T> type, Object entity) {
        EntityWriter<T> writer = media.writer(type, requestHeaders, headers);
        try (OutputStream out = stream()) {
            writer.write(type, type.cast(entity), out, requestHeaders, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isSent() {
        return sent;
    }

    @Override
    public OutputStream outputStream() {
        begin();
        return stream();
    }

    private OutputStream stream() {
        OutputStream capture = new OutputStream() {
            @Override
            public void write(int b) {
                written++;
                body.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written += len;
                body.write(b, off, len);
            }

            @Override
            public void close() {
                if (!sent) {
                    sent = true;
                    whenSent.forEach(Runnable::run);
                }
            }
        };
        return filter.apply(capture);
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    @Override
    public ServerResponse beforeSend(Runnable listener) {
        beforeSend.add(listener);
        return this;
    }

    @Override
    public ServerResponse whenSent(Runnable listener) {
        whenSent.add(listener);
        return this;
    }

    @Override
    public ServerResponse reroute(String newPath) {
        throw new UnsupportedOperationException("A shadow run cannot reroute the request");
    }

    @Override
    public ServerResponse reroute(String path, UriQuery query) {
        throw new UnsupportedOperationException("A shadow run cannot reroute the request");
    }

    @Override
    public ServerResponse next() {
        throw new UnsupportedOperationException("A shadow run cannot pass the request on");
    }

    @Override
    public ServerResponseHeaders headers() {
        return headers;
    }

    @Override
    public ServerResponseTrailers trailers() {
        return trailers;
    }

    @Override
    public void streamResult(String result) {
        // Nothing to report it to: the second run's outcome is what the handler sent or threw.
    }

    @Override
    public void streamFilter(UnaryOperator<OutputStream> filterFunction) {
        UnaryOperator<OutputStream> previous = filter;
        filter = out -> filterFunction.apply(previous.apply(out));
    }

    /** Refuses a second send and runs the before-send listeners, as the real response does. */
    private void begin() {
        if (sent) {
            throw new IllegalStateException("Response already sent");
        }
        beforeSend.forEach(Runnable::run);
    }
}
