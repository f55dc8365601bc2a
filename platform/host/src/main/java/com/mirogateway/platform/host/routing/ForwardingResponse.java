package com.mirogateway.platform.host.routing;

import io.helidon.common.GenericType;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http.spi.Sink;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A response that passes every call on to the real one; subclasses watch or copy what a handler writes. The handler
 * sees an ordinary {@link ServerResponse}, and the client receives exactly what it would without the wrapper.
 */
abstract class ForwardingResponse implements ServerResponse {
    private final ServerResponse delegate;

    ForwardingResponse(ServerResponse delegate) {
        this.delegate = delegate;
    }

    /** The response being written to. */
    final ServerResponse delegate() {
        return delegate;
    }

    @Override
    public ServerResponse status(Status status) {
        delegate.status(status);
        return this;
    }

    @Override
    public Status status() {
        return delegate.status();
    }

    @Override
    public ServerResponse header(Header header) {
        delegate.header(header);
        return this;
    }

    @Override
    public void send() {
        delegate.send();
    }

    @Override
    public void send(byte[] bytes) {
        delegate.send(bytes);
    }

    @Override
    public void send(byte[] bytes, int position, int length) {
        delegate.send(bytes, position, length);
    }

    @Override
    public void send(Object entity) {
        delegate.send(entity);
    }

    @Override
    public void send(Optional<?> entity) {
        delegate.send(entity);
    }

    @Override
    public boolean isSent() {
        return delegate.isSent();
    }

    @Override
    public OutputStream outputStream() {
        return delegate.outputStream();
    }

    @Override
    public long bytesWritten() {
        return delegate.bytesWritten();
    }

    @Override
    public ServerResponse beforeSend(Runnable listener) {
        delegate.beforeSend(listener);
        return this;
    }

    @Override
    public ServerResponse whenSent(Runnable listener) {
        delegate.whenSent(listener);
        return this;
    }

    @Override
    public ServerResponse reroute(String newPath) {
        delegate.reroute(newPath);
        return this;
    }

    @Override
    public ServerResponse reroute(String path, UriQuery query) {
        delegate.reroute(path, query);
        return this;
    }

    @Override
    public ServerResponse next() {
        delegate.next();
        return this;
    }

    @Override
    public ServerResponseHeaders headers() {
        return delegate.headers();
    }

    @Override
    public ServerResponseTrailers trailers() {
        return delegate.trailers();
    }

    @Override
    public ServerResponse beforeTrailers(Consumer<ServerResponseTrailers> listener) {
        delegate.beforeTrailers(listener);
        return this;
    }

    @Override
    public void streamResult(String result) {
        delegate.streamResult(result);
    }

    @Override
    public void contentLength(long length) {
        delegate.contentLength(length);
    }

    @Override
    public <T extends Sink<?>> T sink(GenericType<T> sinkType) {
        return delegate.sink(sinkType);
    }

    @Override
    public void streamFilter(UnaryOperator<OutputStream> filterFunction) {
        delegate.streamFilter(filterFunction);
    }
}
