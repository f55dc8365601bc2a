package com.mirogateway.platform.host.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares two answers: the status, the compared headers (values equal ignoring case and spaces around commas), and
 * the bodies: structurally ({@link JsonDiff}) when either side says it is JSON and both parse, byte for byte
 * otherwise (reporting only the lengths, never the text). Stateless and thread-safe.
 */
final class Comparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Comparison() {}

    /**
     * The differences between the legacy and the plugin answer.
     *
     * @param legacy what the client received
     * @param plugin what the second run answered
     * @param compareHeaders the compared headers (lower case)
     * @param ignore the JSON fields to skip
     * @return the differences (empty when they match) and their total
     */
    static JsonDiff.Result compare(Answer legacy, Answer plugin, List<String> compareHeaders, IgnoreRules ignore) {
        List<Difference> differences = new ArrayList<>();
        int total = 0;
        if (legacy.status() != plugin.status()) {
            total++;
            differences.add(changed("status", IntNode.valueOf(legacy.status()), IntNode.valueOf(plugin.status())));
        }
        for (String name : compareHeaders) {
            Optional<String> a = Optional.ofNullable(legacy.headers().get(name));
            Optional<String> b = Optional.ofNullable(plugin.headers().get(name));
            if (!a.map(Comparison::normalise).equals(b.map(Comparison::normalise))) {
                total++;
                differences.add(new Difference(
                        "headers." + name,
                        a.isEmpty()
                                ? Difference.Change.ONLY_PLUGIN
                                : b.isEmpty() ? Difference.Change.ONLY_LEGACY : Difference.Change.CHANGED,
                        a.map(v -> TextNode.valueOf(Redaction.header(name, v))),
                        b.map(v -> TextNode.valueOf(Redaction.header(name, v)))));
            }
        }
        JsonDiff.Result body = body(legacy, plugin, ignore);
        differences.addAll(body.differences());
        total += body.total();
        return new JsonDiff.Result(List.copyOf(differences), total);
    }

    private static JsonDiff.Result body(Answer legacy, Answer plugin, IgnoreRules ignore) {
        if (legacy.body().length == 0 && plugin.body().length == 0) {
            return new JsonDiff.Result(List.of(), 0);
        }
        if (isJson(legacy) || isJson(plugin)) {
            Optional<JsonNode> a = parse(legacy.body());
            Optional<JsonNode> b = parse(plugin.body());
            if (a.isPresent() && b.isPresent()) {
                return JsonDiff.compare(a.get(), b.get(), ignore);
            }
        }
        if (Arrays.equals(legacy.body(), plugin.body())) {
            return new JsonDiff.Result(List.of(), 0);
        }
        return new JsonDiff.Result(
                List.of(changed(
                        "body",
                        TextNode.valueOf(legacy.body().length + " bytes"),
                        TextNode.valueOf(plugin.body().length + " bytes"))),
                1);
    }

    private static boolean isJson(Answer answer) {
        return answer.contentType()
                .map(type -> type.toLowerCase(Locale.ROOT))
                .filter(type -> type.contains("/json") || type.contains("+json"))
                .isPresent();
    }

    private static Optional<JsonNode> parse(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return Optional.ofNullable(node).filter(n -> !n.isMissingNode());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String normalise(String value) {
        return value.toLowerCase(Locale.ROOT)
                .replaceAll("\\s*([,;=])\\s*", "$1")
                .strip();
    }

    private static Difference changed(String path, JsonNode legacy, JsonNode plugin) {
        return new Difference(path, Difference.Change.CHANGED, Optional.of(legacy), Optional.of(plugin));
    }
}
