package com.mirogateway.platform.host.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares two JSON documents structurally: object members by name whatever their order, array elements by position,
 * numbers by value ({@code 1}, {@code 1.0} and {@code 1e0} are equal), everything else by type and value. Fields the
 * {@link IgnoreRules} name are skipped with everything below them.
 *
 * <p>Reports at most {@value #MAX_DIFFERENCES} differences (the {@link Result} still counts all of them), each value
 * with secret-looking members masked and shortened to {@value #MAX_VALUE_CHARS} characters of JSON. Stateless and
 * thread-safe.
 */
final class JsonDiff {
    static final int MAX_DIFFERENCES = 50;
    static final int MAX_VALUE_CHARS = 300;

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonDiff() {}

    /**
     * The differences between two documents.
     *
     * @param legacy the legacy answer's body
     * @param plugin the plugin answer's body
     * @param ignore the fields to skip
     * @return the differences found, in document order, legacy's member order first
     */
    static Result compare(JsonNode legacy, JsonNode plugin, IgnoreRules ignore) {
        Walk walk = new Walk(ignore);
        walk.node(new ArrayList<>(), legacy, plugin);
        return new Result(List.copyOf(walk.found), walk.total);
    }

    /**
     * Renders a path such as {@code $.data[0]['odd.name']}.
     *
     * @param path member names and array indexes from the root
     * @return the JSON path
     */
    static String render(List<Object> path) {
        StringBuilder out = new StringBuilder("$");
        for (Object segment : path) {
            if (segment instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else if (PLAIN_NAME.matcher((String) segment).matches()) {
                out.append('.').append(segment);
            } else {
                out.append("['").append(((String) segment).replace("'", "\\'")).append("']");
            }
        }
        return out.toString();
    }

    /** A value as stored in a report: secrets masked, long values cut to a JSON string prefix. */
    static JsonNode reportValue(List<Object> path, JsonNode value) {
        String name = !path.isEmpty() && path.getLast() instanceof String last ? last : null;
        JsonNode redacted = Redaction.json(name, value);
        String text = redacted.toString();
        return text.length() <= MAX_VALUE_CHARS ? redacted : TextNode.valueOf(text.substring(0, MAX_VALUE_CHARS) + "…");
    }

    /**
     * The outcome of a comparison.
     *
     * @param differences the first {@value #MAX_DIFFERENCES} differences
     * @param total how many there were in all
     */
    record Result(List<Difference> differences, int total) {
        boolean matches() {
            return total == 0;
        }
    }

    private static final class Walk {
        private final IgnoreRules ignore;
        private final List<Difference> found = new ArrayList<>();
        private int total;

        Walk(IgnoreRules ignore) {
            this.ignore = ignore;
        }

        void node(List<Object> path, JsonNode legacy, JsonNode plugin) {
            if (legacy.isObject() && plugin.isObject()) {
                Set<String> names = new LinkedHashSet<>();
                legacy.fieldNames().forEachRemaining(names::add);
                plugin.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    child(path, name, legacy.get(name), plugin.get(name));
                }
            } else if (legacy.isArray() && plugin.isArray()) {
                int size = Math.max(legacy.size(), plugin.size());
                for (int i = 0; i < size; i++) {
                    child(path, i, legacy.get(i), plugin.get(i));
                }
            } else if (!same(legacy, plugin)) {
                add(path, Difference.Change.CHANGED, legacy, plugin);
            }
        }

        private void child(List<Object> path, Object segment, JsonNode legacy, JsonNode plugin) {
            path.add(segment);
            try {
                if (ignore.ignores(path)) {
                    return;
                }
                if (legacy == null) {
                    add(path, Difference.Change.ONLY_PLUGIN, null, plugin);
                } else if (plugin == null) {
                    add(path, Difference.Change.ONLY_LEGACY, legacy, null);
                } else {
                    node(path, legacy, plugin);
                }
            } finally {
                path.removeLast();
            }
        }

        private void add(List<Object> path, Difference.Change change, JsonNode legacy, JsonNode plugin) {
            total++;
            if (found.size() < MAX_DIFFERENCES) {
                found.add(new Difference(
                        render(path),
                        change,
                        Optional.ofNullable(legacy).map(v -> reportValue(path, v)),
                        Optional.ofNullable(plugin).map(v -> reportValue(path, v))));
            }
        }

        private static boolean same(JsonNode legacy, JsonNode plugin) {
            if (legacy.isNumber() && plugin.isNumber()) {
                return legacy.decimalValue().compareTo(plugin.decimalValue()) == 0;
            }
            return legacy.equals(plugin);
        }
    }
}
