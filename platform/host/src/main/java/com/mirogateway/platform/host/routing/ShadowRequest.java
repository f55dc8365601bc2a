package com.mirogateway.platform.host.routing;

import com.mirogateway.platform.api.Caller;
import com.mirogateway.platform.api.CorrelationId;
import io.helidon.common.context.Context;
import io.helidon.common.socket.PeerInfo;
import io.helidon.common.uri.UriInfo;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RoutedPath;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.WritableHeaders;
import io.helidon.http.media.ReadableEntity;
import io.helidon.http.media.ReadableEntityBase;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.http.HttpSecurity;
import io.helidon.webserver.http.ServerRequest;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A copy of a body-less request, taken on the request thread, that a handler can be run against later on another
 * thread: prologue, headers (copied), routed path, peers, the listener's media support, and a fresh context holding
 * only the correlation id and the authenticated caller. Its entity is empty.
 */
final class ShadowRequest implements ServerRequest {
    private final HttpPrologue prologue;
    private final WritableHeaders<?> writableHeaders;
    private final ServerRequestHeaders headers;
    private final RoutedPath path;
    private final PeerInfo remotePeer;
    private final PeerInfo localPeer;
    private final String authority;
    private final boolean secure;
    private final String socketId;
    private final String serverSocketId;
    private final int id;
    private final UriInfo requestedUri;
    private final ListenerContext listenerContext;
    private final HttpSecurity security;
    private final Optional<ProxyProtocolData> proxyProtocolData;
    private final Context context = Context.create();

    private ShadowRequest(ServerRequest req) {
        this.prologue = req.prologue();
        this.writableHeaders = WritableHeaders.create(req.headers());
        this.headers = ServerRequestHeaders.create(writableHeaders);
        this.path = req.path();
        this.remotePeer = req.remotePeer();
        this.localPeer = req.localPeer();
        this.authority = req.authority();
        this.secure = req.isSecure();
        this.socketId = req.socketId();
        this.serverSocketId = req.serverSocketId();
        this.id = req.id();
        this.requestedUri = req.requestedUri();
        this.listenerContext = req.listenerContext();
        this.security = req.security();
        this.proxyProtocolData = req.proxyProtocolData();
        req.context().get(CorrelationId.class).ifPresent(context::register);
        Caller.of(req).ifPresent(context::register);
    }

    /** Copies a request; call on the request's own thread, before its handler returns. */
    static ShadowRequest copyOf(ServerRequest req) {
        return new ShadowRequest(req);
    }

    @Override
    public HttpPrologue prologue() {
        return prologue;
    }

    @Override
    public ServerRequestHeaders headers() {
        return headers;
    }

    @Override
    public RoutedPath path() {
        return path;
    }

    @Override
    public UriQuery query() {
        return prologue.query();
    }

    @Override
    public PeerInfo remotePeer() {
        return remotePeer;
    }

    @Override
    public PeerInfo localPeer() {
        return localPeer;
    }

    @Override
    public String authority() {
        return authority;
    }

    @Override
    public void header(Header header) {
        writableHeaders.set(header);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public UriInfo requestedUri() {
        return requestedUri;
    }

    @Override
    public void reset() {
        // Nothing to reset: the copy has no entity.
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public ReadableEntity content() {
        return ReadableEntityBase.empty();
    }

    @Override
    public String socketId() {
        return socketId;
    }

    @Override
    public String serverSocketId() {
        return serverSocketId;
    }

    @Override
    public Context context() {
        return context;
    }

    @Override
    public ListenerContext listenerContext() {
        return listenerContext;
    }

    @Override
    public HttpSecurity security() {
        return security;
    }

    @Override
    public boolean continueSent() {
        return false;
    }

    @Override
    public void streamFilter(UnaryOperator<InputStream> filterFunction) {
        // No entity to filter.
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return proxyProtocolData;
    }
}
