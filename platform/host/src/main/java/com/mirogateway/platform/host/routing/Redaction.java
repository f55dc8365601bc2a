package com.mirogateway.platform.host.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of stored diff reports: authentication and cookie headers, headers, query parameters and JSON
 * members whose names look secret ({@code token}, {@code secret}, {@code password}, {@code api-key}, {@code session},
 * …) are replaced by {@value #MASK}.
 */
final class Redaction {
    static final String MASK = "***";

    private static final Set<String> HEADERS = Set.of(
            "authorization",
            "proxy-authorization",
            "cookie",
            "set-cookie",
            "x-api-key",
            "x-auth-token",
            "x-csrf-token");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[-_]?key|apikey|authorization|cookie|session|credential"
                    + "|private[-_]?key|signature|^code$|^sig$).*");

    private Redaction() {}

    /** Whether a header, query parameter or JSON member of this name is masked. */
    static boolean isSecret(String name) {
        return HEADERS.contains(name.toLowerCase(Locale.ROOT))
                || SECRET_NAME.matcher(name).matches();
    }

    /** The value to store for a header. */
    static String header(String name, String value) {
        return isSecret(name) ? MASK : value;
    }

    /** A raw query string with the values of secret-looking parameters masked. */
    static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String pair : rawQuery.split("&", -1)) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            out.append(eq >= 0 && isSecret(name) ? name + "=" + MASK : pair);
        }
        return out.toString();
    }

    /**
     * A copy of a JSON value with secret-looking members masked at any depth.
     *
     * @param name the member name the value sits under, or null for an array element or the root
     * @param value the value
     * @return the redacted copy (the value itself if nothing needed masking)
     */
    static JsonNode json(String name, JsonNode value) {
        if (name != null && isSecret(name)) {
            return TextNode.valueOf(MASK);
        }
        if (value instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                copy.set(field.getKey(), json(field.getKey(), field.getValue()));
            }
            return copy;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(json(null, element)));
            return copy;
        }
        return value;
    }
}
