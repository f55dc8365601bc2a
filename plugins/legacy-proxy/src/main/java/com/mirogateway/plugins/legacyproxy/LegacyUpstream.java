package com.mirogateway.plugins.legacyproxy;

import io.helidon.common.uri.UriInfo;
import io.helidon.common.uri.UriPath;
import io.helidon.common.uri.UriQuery;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.http.media.MediaContext;
import io.helidon.webclient.api.ClientUri;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The connection to the legacy service: one HTTP/1.1 client with its own keep-alive pool, and a circuit breaker.
 *
 * <p>Created when the plugin starts and closed when it stops; shared by all requests (thread-safe). The client never
 * follows redirects (a redirect is the legacy service's answer to the client), never decodes content, never uses a
 * system proxy, never parses bodies (no media support is loaded) and never retries on its own: the only retry is
 * {@link #exchange}'s single one for body-less {@code GET}, {@code HEAD} and {@code OPTIONS}, when configured. Request
 * paths are written exactly as given.
 */
final class LegacyUpstream implements AutoCloseable {
    private static final int BUFFER_SIZE = 16 * 1024;
    private static final Set<Method> RETRYABLE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS);

    private final Http1Client client;
    private final Optional<CircuitBreaker> breaker;
    private final LegacyProxyConfig config;
    private final ClientUri origin;

    private LegacyUpstream(Http1Client client, Optional<CircuitBreaker> breaker, LegacyProxyConfig config) {
        this.client = client;
        this.breaker = breaker;
        this.config = config;
        this.origin = ClientUri.create(config.origin());
    }

    /**
     * Creates the client and breaker for a configuration. Opens no connection yet.
     *
     * @param config the plugin's settings
     * @return the upstream
     */
    static LegacyUpstream create(LegacyProxyConfig config) {
        Http1Client client = Http1Client.builder()
                .baseUri(config.origin())
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .followRedirects(false)
                .keepAlive(true)
                .sendExpectContinue(false)
                .shareConnectionCache(false)
                .connectionCacheSize(config.connectionPoolSize())
                .relativeUris(true)
                .proxy(Proxy.noProxy())
                .servicesDiscoverServices(false)
                .contentEncoding(ContentEncodingContext.builder()
                        .contentEncodingsDiscoverServices(false)
                        .build())
                .mediaContext(MediaContext.builder()
                        .mediaSupportsDiscoverServices(false)
                        .build())
                .writeBufferSize(BUFFER_SIZE)
                .build();
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
        return new LegacyUpstream(client, breaker, config);
    }

    /**
     * Sends a request and returns once the legacy service's status and headers arrived; the caller reads and closes the
     * response. Runs on the caller's thread.
     *
     * @param method the method
     * @param pathAndQuery the raw path, with the raw query if any, sent unchanged (the base URL's path included)
     * @param headers writes the request headers
     * @param body the request body to stream, or {@code null} for none
     * @return the response, whatever its status
     * @throws UpstreamUnavailableException if the legacy service cannot be reached or broke the connection
     * @throws UpstreamTimeoutException if connecting or waiting for the response took too long
     * @throws RequestBodyException if the body is too large or the client stopped sending it
     * @throws io.helidon.faulttolerance.CircuitBreakerOpenException if the breaker is open
     */
    HttpClientResponse exchange(
            Method method, String pathAndQuery, Consumer<WritableHeaders<?>> headers, InputStream body) {
        Supplier<HttpClientResponse> call = () -> {
            try {
                return attempt(method, pathAndQuery, headers, body);
            } catch (UpstreamUnavailableException e) {
                if (body == null && config.retryIdempotent() && RETRYABLE.contains(method) && !e.connectFailed()) {
                    return attempt(method, pathAndQuery, headers, null);
                }
                throw e;
            }
        };
        return breaker.isPresent() ? breaker.get().invoke(call) : call.get();
    }

    private HttpClientResponse attempt(
            Method method, String pathAndQuery, Consumer<WritableHeaders<?>> headers, InputStream body) {
        Http1ClientRequest request = client.method(method).uri(target(pathAndQuery));
        headers.accept(request.headers());
        try {
            if (body == null) {
                return request.request();
            }
            return request.outputStream(out -> {
                copyRequestBody(body, out);
                out.close();
            });
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * The request target as the client sent it. Helidon's client writes a URI's path and query in its own normal form
     * (matrix parameters and empty segments dropped, the query decoded and encoded again) unless the path is raw and
     * encoding is not skipped: then it writes {@link UriPath#rawPath()} as given. So the whole target, query included,
     * goes in as one raw path, with no separate query; {@code RawRequestTargetTest} pins this to the pinned Helidon.
     */
    private ClientUri target(String pathAndQuery) {
        return ClientUri.create(UriInfo.builder(origin)
                .path(UriPath.create(pathAndQuery))
                .query(UriQuery.empty())
                .build());
    }

    private void copyRequestBody(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long limit = config.maxBodySize();
        long total = 0;
        while (true) {
            int read;
            try {
                read = in.read(buffer);
            } catch (IOException | RuntimeException e) {
                throw RequestBodyException.aborted(e);
            }
            if (read < 0) {
                return;
            }
            total += read;
            if (limit >= 0 && total > limit) {
                throw RequestBodyException.tooLarge(limit);
            }
            out.write(buffer, 0, read);
        }
    }

    /** Names a client failure: the client's own body problem, a timeout, or an unreachable service. */
    private static RuntimeException translate(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyException body) {
                return body;
            }
            if (t instanceof SocketTimeoutException) {
                return new UpstreamTimeoutException("The legacy service did not answer in time", failure);
            }
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return new UpstreamUnavailableException(
                        "No connection to the legacy service could be opened", failure, true);
            }
        }
        return new UpstreamUnavailableException("The connection to the legacy service failed", failure, false);
    }

    /** Closes the keep-alive pool. Requests in flight may fail. */
    @Override
    public void close() {
        client.closeResource();
    }
}
