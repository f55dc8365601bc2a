package com.mirogateway.plugins.legacyproxy;

import com.mirogateway.platform.api.ProblemException;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The fallback handler of {@code /api}: forwards the request to the legacy service and relays its response.
 *
 * <p>Called by the host on the request's virtual thread. Method, raw path and raw query go upstream unchanged, headers
 * as {@link HeaderForwarding} rules, the body streamed; the legacy service's status, headers and body come back
 * unchanged, whatever the status. Small responses of known length (up to {@value #SMALL_BODY} bytes) are read whole
 * and sent in one write; everything else is streamed through a {@value #BUFFER_SIZE}-byte buffer, keeping
 * {@code Content-Length} when the legacy service sent one.
 *
 * <p>This is where statuses are decided, by throwing {@link ProblemException}: a refused request target is 400, a
 * {@code CONNECT} or {@code TRACE} 405, a body over {@code legacy.max-body-size} 413, an unreachable legacy service
 * 502, an open circuit breaker 503 with {@code Retry-After}, a timeout 504. A failure after the response started (the
 * legacy service breaking off mid-body, the client going away) can only abort the response.
 */
final class LegacyProxyHandler implements Handler {
    static final int SMALL_BODY = 64 * 1024;
    static final int BUFFER_SIZE = 16 * 1024;
    private static final String ALLOWED = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    private final LegacyUpstream upstream;
    private final RequestTargetGuard guard;
    private final HeaderForwarding headers;
    private final long maxBodySize;
    private final String retryAfter;
    private final String timeoutDetail;

    LegacyProxyHandler(String prefix, LegacyProxyConfig config, LegacyUpstream upstream) {
        this.upstream = upstream;
        this.guard = new RequestTargetGuard(prefix);
        this.headers = new HeaderForwarding(config.authority());
        this.maxBodySize = config.maxBodySize();
        long delayMillis = config.circuitBreaker().delay().toMillis();
        this.retryAfter = String.valueOf(Math.max(1, (delayMillis + 999) / 1000));
        this.timeoutDetail = "The legacy service did not answer within "
                + config.readTimeout().toMillis() + " ms";
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) throws IOException {
        HttpPrologue prologue = req.prologue();
        Method method = prologue.method();
        if (method.equals(Method.CONNECT) || method.equals(Method.TRACE)) {
            throw new ProblemException(
                            Status.METHOD_NOT_ALLOWED_405,
                            "method-not-allowed",
                            "The legacy proxy does not forward " + method.text() + " requests")
                    .header(HeaderNames.ALLOW.defaultCase(), ALLOWED);
        }
        String rawPath = prologue.uriPath().rawPath();
        Optional<String> refusal = guard.refusal(rawPath);
        if (refusal.isPresent()) {
            throw new ProblemException(Status.BAD_REQUEST_400, "request-target-rejected", refusal.get());
        }
        String rawQuery = prologue.query().rawValue();
        String target = rawQuery.isEmpty() ? rawPath : rawPath + '?' + rawQuery;

        InputStream body = null;
        if (req.content().hasEntity()) {
            OptionalLong length = req.headers().contentLength();
            if (maxBodySize >= 0 && length.isPresent() && length.getAsLong() > maxBodySize) {
                throw problem(RequestBodyException.tooLarge(maxBodySize));
            }
            body = req.content().inputStream();
        }

        HttpClientResponse response;
        try {
            response = upstream.exchange(method, target, out -> headers.toUpstream(req, out), body);
        } catch (LegacyProxyException | CircuitBreakerOpenException e) {
            throw problem(e);
        }
        try (response) {
            relay(method, response, res);
        }
    }

    private void relay(Method method, HttpClientResponse response, ServerResponse res) throws IOException {
        Status status = response.status();
        int code = status.code();
        if (method.equals(Method.HEAD) || code < 200 || code == 204 || code == 304) {
            res.status(status);
            headers.toClient(response.headers(), res);
            res.send();
            return;
        }
        OptionalLong length = response.headers().contentLength();
        InputStream in = response.inputStream();
        if (length.isPresent() && length.getAsLong() <= SMALL_BODY) {
            byte[] bytes = in.readNBytes((int) length.getAsLong());
            if (bytes.length != length.getAsLong()) {
                throw problem(new UpstreamUnavailableException(
                        "The legacy service sent " + bytes.length + " of " + length.getAsLong() + " body bytes",
                        null,
                        false));
            }
            res.status(status);
            headers.toClient(response.headers(), res);
            res.send(bytes);
            return;
        }
        res.status(status);
        headers.toClient(response.headers(), res);
        byte[] buffer = new byte[BUFFER_SIZE];
        try (OutputStream out = res.outputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
            }
        }
    }

    private ProblemException problem(RuntimeException failure) {
        return switch (failure) {
            case CircuitBreakerOpenException open ->
                new ProblemException(
                                Status.SERVICE_UNAVAILABLE_503,
                                "legacy-circuit-open",
                                "The legacy service is failing; the gateway does not call it for a while")
                        .header(HeaderNames.RETRY_AFTER.defaultCase(), retryAfter);
            case UpstreamTimeoutException timeout ->
                new ProblemException(Status.GATEWAY_TIMEOUT_504, "legacy-timeout", timeoutDetail, timeout);
            case UpstreamUnavailableException unavailable ->
                new ProblemException(
                        Status.BAD_GATEWAY_502,
                        "legacy-unreachable",
                        "The legacy service could not be reached or broke off its answer",
                        unavailable);
            case RequestBodyException body
            when body.tooLarge() ->
                new ProblemException(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload-too-large", body.getMessage());
            case RequestBodyException body ->
                new ProblemException(Status.BAD_REQUEST_400, "request-body-incomplete", body.getMessage(), body);
            default -> throw failure;
        };
    }
}
