package com.mirogateway.platform.host.routing;

import io.helidon.common.GenericType;
import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http.spi.Sink;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Watches a plugin's response for the legacy fallback: remembers the headers the filters had set before the plugin
 * ran, and whether the plugin started writing its answer (any {@code send}, the output stream, a sink or a stream
 * result). Until it did, a failure can be answered by legacy after {@link #reset()}.
 */
final class GuardedResponse extends ForwardingResponse {
    private final List<Header> before = new ArrayList<>();
    private final Status statusBefore;
    private boolean committed;

    GuardedResponse(ServerResponse delegate) {
        super(delegate);
        delegate.headers().forEach(h -> before.add(HeaderValues.create(h.headerName(), h.allValues())));
        statusBefore = delegate.status();
    }

    /** Whether the plugin started writing its answer (or it was sent). */
    boolean committed() {
        return committed || delegate().isSent();
    }

    /** Undoes what the plugin set: status and headers as before it ran. */
    void reset() {
        delegate().headers().clear();
        before.forEach(delegate().headers()::set);
        delegate().status(statusBefore);
    }

    @Override
    public void send() {
        committed = true;
        super.send();
    }

    @Override
    public void send(byte[] bytes) {
        committed = true;
        super.send(bytes);
    }

    @Override
    public void send(byte[] bytes, int position, int length) {
        committed = true;
        super.send(bytes, position, length);
    }

    @Override
    public void send(Object entity) {
        committed = true;
        super.send(entity);
    }

    @Override
    public void send(Optional<?> entity) {
        committed = true;
        super.send(entity);
    }

    @Override
    public OutputStream outputStream() {
        committed = true;
        return super.outputStream();
    }

    @Override
    public void streamResult(String result) {
        committed = true;
        super.streamResult(result);
    }

    @Override
    public <T extends Sink<?>> T sink(GenericType<T> sinkType) {
        committed = true;
        return super.sink(sinkType);
    }
}
