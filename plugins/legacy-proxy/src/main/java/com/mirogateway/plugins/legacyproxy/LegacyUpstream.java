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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The connection to the legacy service: one Apache HttpClient 5 (classic, blocking I/O on the caller's virtual
 * thread) with its own keep-alive pool, and a circuit breaker.
 *
 * <p>Created when the plugin starts and closed when it stops; shared by all requests (thread-safe). The client never
 * follows redirects (a redirect is the legacy service's answer to the client), never decodes content, never adds a
 * {@code User-Agent}, cookies or authentication, never uses a system proxy and never retries on its own: the only
 * retry is {@link #exchange}'s single one for body-less {@code GET}, {@code HEAD} and {@code OPTIONS}, when
 * configured. At most {@code legacy.connection-pool-size} connections are open at once; a request finding them all
 * busy waits up to {@code legacy.connect-timeout} for one. Request paths are written exactly as given.
 */
final class LegacyUpstream implements AutoCloseable {
    private static final Set<Method> RETRYABLE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS);
    /** A pooled connection idle for longer is checked before reuse, as the legacy service may have closed it. */
    private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(2);

    private final CloseableHttpClient client;
    private final HttpHost target;
    private final Optional<CircuitBreaker> breaker;
    private final LegacyProxyConfig config;

    private LegacyUpstream(
            CloseableHttpClient client, HttpHost target, Optional<CircuitBreaker> breaker, LegacyProxyConfig config) {
        this.client = client;
        this.target = target;
        this.breaker = breaker;
        this.config = config;
    }

    /**
     * Creates the client and breaker for a configuration. Opens no connection yet.
     *
     * @param config the plugin's settings
     * @return the upstream
     */
    static LegacyUpstream create(LegacyProxyConfig config) {
        Timeout connect = Timeout.of(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Timeout read = Timeout.of(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                        .setMaxConnPerRoute(config.connectionPoolSize())
                        .setMaxConnTotal(config.connectionPoolSize())
                        .setDefaultSocketConfig(SocketConfig.custom()
                                .setTcpNoDelay(true)
                                .setSoTimeout(read)
                                .build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(read)
                                .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .setRedirectsEnabled(false)
                        .setContentCompressionEnabled(false)
                        .build())
                .setProxy(null)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .disableDefaultUserAgent()
                .build();
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
        return new LegacyUpstream(client, target, breaker, config);
    }

    /**
     * Sends a request and returns once the legacy service's status and headers arrived; the caller reads the body to
     * its end (which returns the connection to the pool) and closes the response. Runs on the caller's thread.
     *
     * @param method the method
     * @param pathAndQuery the raw path, with the raw query if any, sent unchanged (the base URL's path included)
     * @param headers writes the request headers, never {@code Content-Length} or {@code Transfer-Encoding}
     * @param body the request body to stream, or {@code null} for none
     * @return the response, whatever its status
     * @throws UpstreamUnavailableException if the legacy service cannot be reached or broke the connection
     * @throws UpstreamTimeoutException if connecting or waiting for the response took too long
     * @throws RequestBodyException if the body is too large or the client stopped sending it
     * @throws io.helidon.faulttolerance.CircuitBreakerOpenException if the breaker is open
     */
    ClassicHttpResponse exchange(
            Method method, String pathAndQuery, Consumer<ClassicHttpRequest> headers, HttpEntity body) {
        Supplier<ClassicHttpResponse> call = () -> {
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

    private ClassicHttpResponse attempt(
            Method method, String pathAndQuery, Consumer<ClassicHttpRequest> headers, HttpEntity body) {
        ClassicHttpRequest request = new BasicClassicHttpRequest(method.text(), target, pathAndQuery);
        headers.accept(request);
        request.setEntity(body);
        try {
            return client.executeOpen(target, request, null);
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    /** Names a client failure: the client's own body problem, a timeout, or an unreachable service. */
    private static RuntimeException translate(Exception failure) {
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
        client.close(CloseMode.GRACEFUL);
    }
}
