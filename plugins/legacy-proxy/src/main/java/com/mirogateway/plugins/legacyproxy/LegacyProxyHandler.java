package com.mirogateway.plugins.legacyproxy;

import com.mirogateway.platform.api.ProblemException;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;

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
 * (or one breaking off before any of its body was relayed) 502, an open circuit breaker 503 with {@code Retry-After},
 * a timeout 504. Once part of the body went out, a failure leaves the response unfinished, so the host closes the
 * connection and the client sees a truncated response rather than a complete-looking one.
 */
final class LegacyProxyHandler implements Handler {
    /** Responses of known length up to this size are read whole and sent in one write. */
    static final int SMALL_BODY = 64 * 1024;
    /** The buffer that streams larger bodies. */
    static final int BUFFER_SIZE = 16 * 1024;

    private static final System.Logger LOG = System.getLogger(LegacyProxyHandler.class.getName());
    private static final String ALLOWED = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    private final LegacyUpstream upstream;
    private final RequestTargetGuard guard;
    private final HeaderForwarding headers;
    private final String basePath;
    private final long maxBodySize;
    private final String retryAfter;
    private final String timeoutDetail;

    LegacyProxyHandler(String prefix, LegacyProxyConfig config, LegacyUpstream upstream) {
        this.upstream = upstream;
        this.guard = new RequestTargetGuard(prefix);
        this.headers = new HeaderForwarding(config.authority());
        this.basePath = config.basePath();
        this.maxBodySize = config.maxBodySize();
        long delayMillis = config.circuitBreaker().delay().toMillis();
        this.retryAfter = String.valueOf(Math.max(1, (delayMillis + 999) / 1000));
        this.timeoutDetail = "The legacy service did not answer within "
                + config.readTimeout().toMillis() + " ms";
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
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
        String path = basePath.isEmpty() ? rawPath : basePath + rawPath;
        String target = rawQuery.isEmpty() ? path : path + '?' + rawQuery;

        HttpEntity body = body(req, method);
        LegacyUpstream.Exchange exchange;
        try {
            exchange = upstream.exchange(method, target, out -> headers.toUpstream(req, out), body);
        } catch (LegacyProxyException | CircuitBreakerOpenException e) {
            throw problem(e);
        }
        // Closing an exchange whose body was not read to its end closes its connection.
        try (exchange) {
            relay(method, exchange.response(), res);
            exchange.complete();
        }
    }

    /** The client's body to stream upstream; none for a body-less request, empty for a POST, PUT or PATCH. */
    private HttpEntity body(ServerRequest req, Method method) {
        OptionalLong length = req.headers().contentLength();
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        if (req.content().hasEntity()) {
            if (maxBodySize >= 0 && length.isPresent() && length.getAsLong() > maxBodySize) {
                throw problem(RequestBodyException.tooLarge(maxBodySize));
            }
            try {
                return RequestBodyEntity.open(req.content().inputStream(), length.orElse(-1), maxBodySize, contentType);
            } catch (RequestBodyException e) {
                throw problem(e);
            }
        }
        boolean expectsBody = method.equals(Method.POST) || method.equals(Method.PUT) || method.equals(Method.PATCH);
        return expectsBody ? RequestBodyEntity.empty(contentType) : null;
    }

    private void relay(Method method, ClassicHttpResponse response, ServerResponse res) {
        int code = response.getCode();
        String reason = response.getReasonPhrase();
        Status status = reason == null || reason.isEmpty() ? Status.create(code) : Status.create(code, reason);
        HttpEntity entity = response.getEntity();
        if (method.equals(Method.HEAD) || code < 200 || code == 204 || code == 304 || entity == null) {
            res.status(status);
            headers.toClient(response, res);
            res.send();
            return;
        }
        long declared = entity.getContentLength();
        OptionalLong length = declared >= 0 ? OptionalLong.of(declared) : OptionalLong.empty();
        InputStream in = content(entity);
        if (length.isPresent() && length.getAsLong() <= SMALL_BODY) {
            byte[] bytes = readFully(in, (int) length.getAsLong());
            res.status(status);
            headers.toClient(response, res);
            res.send(bytes);
            return;
        }
        // The first block is read before anything is committed, so a legacy service failing right away gets a 502.
        byte[] buffer = new byte[BUFFER_SIZE];
        int read = readFirst(in, buffer);
        res.status(status);
        headers.toClient(response, res);
        // Not try-with-resources: closing ends the response normally, which must not happen after a failure.
        OutputStream out = res.outputStream();
        long relayed = 0;
        while (read >= 0) {
            write(out, buffer, read);
            relayed += read;
            try {
                read = in.read(buffer);
            } catch (IOException | RuntimeException e) {
                throw abort(relayed, e);
            }
        }
        if (length.isPresent() && relayed != length.getAsLong()) {
            throw abort(relayed, null);
        }
        close(out);
    }

    private InputStream content(HttpEntity entity) {
        try {
            return entity.getContent();
        } catch (IOException | RuntimeException e) {
            throw problem(new UpstreamUnavailableException("The legacy service broke off its response", e, false));
        }
    }

    private byte[] readFully(InputStream in, int length) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(length);
            // One more read sees the end of the entity, which is what returns the connection to the client's pool.
            if (bytes.length == length && in.read() >= 0) {
                throw new UpstreamUnavailableException(
                        "The legacy service sent more than its Content-Length", null, false);
            }
        } catch (UpstreamUnavailableException e) {
            throw problem(e);
        } catch (IOException | RuntimeException e) {
            throw problem(new UpstreamUnavailableException("The legacy service broke off its response", e, false));
        }
        if (bytes.length != length) {
            throw problem(new UpstreamUnavailableException(
                    "The legacy service sent " + bytes.length + " of " + length + " body bytes", null, false));
        }
        return bytes;
    }

    private int readFirst(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException | RuntimeException e) {
            throw problem(new UpstreamUnavailableException("The legacy service broke off its response", e, false));
        }
    }

    /** The legacy service broke off mid-body: the client's response cannot be finished, so its connection is closed. */
    private static CloseConnectionException abort(long relayed, Throwable cause) {
        LOG.log(
                Level.WARNING,
                "The legacy service broke off its response after " + relayed
                        + " body bytes; closing the client connection",
                cause);
        return new CloseConnectionException("The legacy service broke off its response", cause);
    }

    private static void write(OutputStream out, byte[] buffer, int length) {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
