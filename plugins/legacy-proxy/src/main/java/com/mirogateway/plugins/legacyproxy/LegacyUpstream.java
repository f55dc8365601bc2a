package com.mirogateway.plugins.legacyproxy;

import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.http.Method;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HeaderElements;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.impl.DefaultConnectionReuseStrategy;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.util.Timeout;

/**
 * The connection to the legacy service: HttpCore 5's classic (blocking) HTTP/1.1 exchange on the caller's virtual
 * thread, over {@link UpstreamConnections}' keep-alive pool, and a circuit breaker.
 *
 * <p>Created when the plugin starts and closed when it stops; shared by all requests (thread-safe). Only the request
 * the handler builds goes out, plus its body framing: no redirects followed (a redirect is the legacy service's answer
 * to the client), no content decoding, no {@code User-Agent}, cookies or authentication, no system proxy, and no retry
 * but {@link #exchange}'s single one for body-less {@code GET}, {@code HEAD} and {@code OPTIONS}, when configured.
 * Request targets are written exactly as given. HttpCore's parser and framing read the response; this class holds no
 * HTTP parsing of its own.
 */
final class LegacyUpstream implements AutoCloseable {
    private static final Set<Method> RETRYABLE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS);

    private final UpstreamConnections connections;
    private final HttpRequestExecutor executor = new HttpRequestExecutor(DefaultConnectionReuseStrategy.INSTANCE);
    private final HttpHost target;
    private final Optional<CircuitBreaker> breaker;
    private final LegacyProxyConfig config;
    private final ResponseDeadlines deadlines;
    private final Timeout readTimeout;

    private LegacyUpstream(
            UpstreamConnections connections,
            HttpHost target,
            Optional<CircuitBreaker> breaker,
            LegacyProxyConfig config) {
        this.connections = connections;
        this.target = target;
        this.breaker = breaker;
        this.config = config;
        this.deadlines = new ResponseDeadlines(config.readTimeout());
        this.readTimeout = Timeout.of(config.readTimeout());
    }

    /**
     * Creates the connection pool and breaker for a configuration. Opens no connection yet.
     *
     * @param config the plugin's settings
     * @return the upstream
     */
    static LegacyUpstream create(LegacyProxyConfig config) {
        URI origin = config.origin();
        HttpHost target = new HttpHost(origin.getScheme(), origin.getHost(), origin.getPort());
        LegacyProxyConfig.CircuitBreakerSettings settings = config.circuitBreaker();
        Optional<CircuitBreaker> breaker = settings.enabled()
                ? Optional.of(CircuitBreaker.builder()
                        .name("legacy-proxy")
                        .volume(settings.volume())
                        .errorRatio(settings.errorRatio())
                        .delay(settings.delay())
                        .successThreshold(settings.successThreshold())
                        .addSkipOn(RequestBodyException.class)
                        .build())
                : Optional.empty();
        return new LegacyUpstream(new UpstreamConnections(config), target, breaker, config);
    }

    /**
     * Sends a request and returns once the legacy service's status and headers arrived; the caller reads the body,
     * marks the exchange {@link Exchange#complete} once it read the body to its end, and closes it (which keeps the
     * connection for the next request, or closes it when the exchange did not complete). Runs on the caller's thread.
     *
     * @param method the method
     * @param pathAndQuery the raw path, with the raw query if any, sent unchanged (the base URL's path included)
     * @param headers writes the request headers, never {@code Content-Length} or {@code Transfer-Encoding}
     * @param body the request body to stream, or {@code null} for none
     * @return the exchange, whatever the response's status
     * @throws UpstreamUnavailableException if the legacy service cannot be reached or broke the connection
     * @throws UpstreamTimeoutException if connecting or waiting for the response took too long
     * @throws RequestBodyException if the body is too large or the client stopped sending it
     * @throws io.helidon.faulttolerance.CircuitBreakerOpenException if the breaker is open
     */
    Exchange exchange(Method method, String pathAndQuery, Consumer<ClassicHttpRequest> headers, HttpEntity body) {
        Supplier<Exchange> call = () -> {
            try {
                return attempt(method, pathAndQuery, headers, body, false);
            } catch (UpstreamUnavailableException e) {
                if (body == null && config.retryIdempotent() && RETRYABLE.contains(method) && !e.connectFailed()) {
                    return attempt(method, pathAndQuery, headers, null, true);
                }
                throw e;
            }
        };
        return breaker.isPresent() ? breaker.get().invoke(call) : call.get();
    }

    private Exchange attempt(
            Method method,
            String pathAndQuery,
            Consumer<ClassicHttpRequest> headers,
            HttpEntity body,
            boolean freshConnection) {
        ClassicHttpRequest request = new BasicClassicHttpRequest(method.text(), target, pathAndQuery);
        headers.accept(request);
        if (body != null) {
            long length = body.getContentLength();
            if (length >= 0) {
                request.addHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
            } else {
                request.addHeader(HttpHeaders.TRANSFER_ENCODING, HeaderElements.CHUNKED_ENCODING);
            }
            request.setEntity(body);
        }
        DefaultBHttpClientConnection connection;
        try {
            connection = connections.lease(freshConnection);
        } catch (UpstreamConnections.PoolExhaustedException e) {
            throw new UpstreamUnavailableException(e.getMessage(), e, true);
        } catch (IOException | RuntimeException e) {
            throw translate(e, true);
        }
        // With nothing to stream upstream, the whole exchange up to the response's head is the wait for the legacy
        // service, timed by the sweeping deadlines rather than a socket timeout (a timer per request).
        ResponseDeadlines.Watch watch = null;
        try {
            if (body == null || body.getContentLength() == 0) {
                connection.setSocketTimeout(Timeout.DISABLED);
                watch = deadlines.watch(connection);
            }
            HttpCoreContext context = HttpCoreContext.create();
            ClassicHttpResponse response = executor.execute(request, connection, context);
            if (watch != null) {
                boolean inTime = watch.end();
                watch = null;
                if (!inTime) {
                    throw new SocketTimeoutException("The response's head came as its deadline passed");
                }
                connection.setSocketTimeout(readTimeout); // for the body's reads
            }
            return new Exchange(connection, request, response, context);
        } catch (IOException | HttpException | RuntimeException e) {
            boolean timedOut = watch != null && !watch.end();
            connections.release(connection, false);
            throw timedOut
                    ? new UpstreamTimeoutException("The legacy service did not answer in time", e)
                    : translate(e, false);
        }
    }

    /** One request and its response on a leased connection; closing it gives the connection back. */
    final class Exchange implements AutoCloseable {
        private final DefaultBHttpClientConnection connection;
        private final ClassicHttpRequest request;
        private final ClassicHttpResponse response;
        private final HttpContext context;
        private boolean complete;

        private Exchange(
                DefaultBHttpClientConnection connection,
                ClassicHttpRequest request,
                ClassicHttpResponse response,
                HttpContext context) {
            this.connection = connection;
            this.request = request;
            this.response = response;
            this.context = context;
        }

        /** The legacy service's response; its body, if any, is read from the connection. */
        ClassicHttpResponse response() {
            return response;
        }

        /** Notes that the response body was read to its end, so the connection may serve another request. */
        void complete() {
            complete = true;
        }

        /** Keeps the connection for the next request if the exchange completed and the legacy service allows it. */
        @Override
        public void close() {
            boolean reusable;
            try {
                reusable = complete && executor.keepAlive(request, response, connection, context);
            } catch (IOException | RuntimeException e) {
                reusable = false;
            }
            connections.release(connection, reusable);
        }
    }

    /**
     * Names a client failure: the client's own body problem, a timeout, or an unreachable service.
     *
     * @param connecting whether the failure came while opening the connection, so nothing was sent
     */
    private static RuntimeException translate(Exception failure, boolean connecting) {
        boolean notConnected = connecting;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyException body) {
                return body;
            }
            if (t instanceof SocketTimeoutException) {
                return new UpstreamTimeoutException("The legacy service did not answer in time", failure);
            }
            notConnected |= t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException;
        }
        return notConnected
                ? new UpstreamUnavailableException("No connection to the legacy service could be opened", failure, true)
                : new UpstreamUnavailableException("The connection to the legacy service failed", failure, false);
    }

    /** Closes the idle connections; those in use close when their exchange ends. */
    @Override
    public void close() {
        connections.close();
        deadlines.close();
    }
}
