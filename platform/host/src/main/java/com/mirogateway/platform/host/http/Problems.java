package com.mirogateway.platform.host.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.api.CorrelationId;
import com.mirogateway.platform.api.MiroException;
import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.host.logging.LogContext;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.http.media.UnsupportedTypeException;
import io.helidon.http.media.jackson.JacksonRuntimeException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes RFC 9457 problem responses, the only way errors leave the gateway.
 *
 * <p>{@code type} is {@code urn:miro-gateway:problem:<slug>} (stable per kind), {@code title} the status reason,
 * {@code detail} safe for clients, {@code requestId} the correlation id. Never a stack trace.
 */
public final class Problems {
    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final System.Logger LOG = System.getLogger(Problems.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    /**
     * Sends a problem response, unless the response was already sent.
     *
     * @param req the request
     * @param res the response
     * @param status the status
     * @param slug the problem kind, e.g. {@code not-found}
     * @param detail client-safe explanation
     */
    public static void send(ServerRequest req, ServerResponse res, Status status, String slug, String detail) {
        if (res.isSent()) {
            return;
        }
        byte[] bytes = body(
                status,
                slug,
                detail,
                displayPath(req),
                req.context().get(CorrelationId.class).map(CorrelationId::value).orElse(null));
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.send(bytes);
    }

    /**
     * The request path of a route with secret parameters, those replaced; registered in the request context by the
     * dispatcher so that problems and logs never show a secret.
     *
     * @param path the redacted path
     */
    record RedactedPath(String path) {}

    /** The request's path as the gateway may show or log it. */
    static String displayPath(ServerRequest req) {
        return req.context()
                .get(RedactedPath.class)
                .map(RedactedPath::path)
                .orElseGet(() -> req.prologue().uriPath().rawPath());
    }

    /** The problem JSON; {@code instance} and {@code requestId} are left out when null. */
    static byte[] body(Status status, String slug, String detail, String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:miro-gateway:problem:" + slug);
        body.put("title", status.reasonPhrase());
        body.put("status", status.code());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The error handler for everything a handler throws. */
    static void handle(ServerRequest req, ServerResponse res, Throwable error) {
        switch (error) {
            case ProblemException problem -> {
                if (problem.status().code() >= 500) {
                    LOG.log(Level.WARNING, problem.getMessage(), problem.getCause());
                }
                problem.headers().forEach(res::header);
                send(req, res, problem.status(), problem.slug(), problem.getMessage());
            }
            case MiroException miro -> handle(req, res, miro.toProblem());
            case JacksonRuntimeException json ->
                send(
                        req,
                        res,
                        Status.BAD_REQUEST_400,
                        "bad-request",
                        "The request body is not valid JSON of the expected shape");
            case IllegalStateException noBody
            when !req.content().hasEntity() && "No entity".equals(noBody.getMessage()) ->
                send(req, res, Status.BAD_REQUEST_400, "bad-request", "The request needs a body");
            case UnsupportedTypeException unsupported ->
                send(
                        req,
                        res,
                        Status.UNSUPPORTED_MEDIA_TYPE_415,
                        "unsupported-media-type",
                        "The request body's Content-Type is not supported here");
            case HttpException http -> {
                Status status = http.status();
                if (status.code() < 400) { // e.g. 304 from a conditional GET of a static file: no body
                    res.status(status);
                    res.send();
                } else if (status.code() >= 500) {
                    LOG.log(Level.ERROR, "Request failed", http);
                    send(req, res, status, slugOf(status), "The gateway failed to serve the request");
                } else {
                    send(req, res, status, slugOf(status), clientDetail(status, http.getMessage()));
                }
            }
            default -> {
                LOG.log(
                        Level.ERROR,
                        "Unhandled error serving " + req.prologue().method().text() + " " + displayPath(req),
                        error);
                send(
                        req,
                        res,
                        Status.INTERNAL_SERVER_ERROR_500,
                        "internal-error",
                        "The gateway failed to serve the request; quote requestId "
                                + LogContext.correlationId().orElse("-") + " when reporting it");
            }
        }
    }

    static String slugOf(Status status) {
        return switch (status.code()) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 431 -> "request-header-fields-too-large";
            case 502 -> "bad-gateway";
            case 503 -> "service-unavailable";
            case 504 -> "gateway-timeout";
            default -> status.code() >= 500 ? "internal-error" : "client-error";
        };
    }

    private static String clientDetail(Status status, String message) {
        return message == null || message.isBlank() ? status.reasonPhrase() : message;
    }
}
