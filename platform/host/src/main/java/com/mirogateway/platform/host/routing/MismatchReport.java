package com.mirogateway.platform.host.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mirogateway.platform.api.CorrelationId;
import io.helidon.http.Header;
import java.time.Instant;
import java.util.Map;

/**
 * The stored report of one mismatch: when, the request (method, path, query and headers, secrets masked), both
 * sides' status, compared headers and time, the second run's error if any, and the differences with their JSON
 * paths and both values.
 */
final class MismatchReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_CHARS = 300;

    private MismatchReport() {}

    static String json(
            String routeId,
            Mode kind,
            ShadowRequest request,
            Answer legacy,
            Answer plugin,
            JsonDiff.Result result,
            long recordedAt) {
        ObjectNode report = JSON.createObjectNode();
        report.put("route", routeId);
        report.put("kind", kind.text());
        report.put("recordedAt", Instant.ofEpochMilli(recordedAt).toString());
        report.set("request", request(request));
        report.set("legacy", side(legacy));
        report.set(kind == Mode.SHADOW ? "plugin" : "legacyAgain", side(plugin));
        report.put("differenceCount", result.total());
        ArrayNode differences = report.putArray("differences");
        for (Difference difference : result.differences()) {
            ObjectNode node = differences.addObject();
            node.put("path", difference.path());
            node.put("change", difference.change().text());
            difference.legacy().ifPresent(v -> node.set("legacy", v));
            difference.plugin().ifPresent(v -> node.set(kind == Mode.SHADOW ? "plugin" : "legacyAgain", v));
        }
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode request(ShadowRequest request) {
        ObjectNode node = JSON.createObjectNode();
        node.put("method", request.prologue().method().text());
        node.put("path", request.prologue().uriPath().rawPath());
        node.put("query", Redaction.query(request.prologue().query().rawValue()));
        request.context().get(CorrelationId.class).ifPresent(id -> node.put("requestId", id.value()));
        ObjectNode headers = node.putObject("headers");
        for (Header header : request.headers()) {
            headers.put(header.name(), Redaction.header(header.name(), String.join(", ", header.allValues())));
        }
        return node;
    }

    private static ObjectNode side(Answer answer) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", answer.status());
        ObjectNode headers = node.putObject("headers");
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            headers.put(header.getKey(), Redaction.header(header.getKey(), header.getValue()));
        }
        node.put("millis", answer.nanos() / 1_000_000.0);
        answer.error()
                .ifPresent(error -> node.put(
                        "error", error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) + "…" : error));
        return node;
    }
}
