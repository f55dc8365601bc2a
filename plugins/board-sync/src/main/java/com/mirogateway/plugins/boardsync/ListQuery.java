package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.ProblemException;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The query of a list request, checked against Miro's limits and normalised: defaults filled in and parameters sorted,
 * so requests that mean the same list share one cache entry (and differently filtered lists never do). Immutable.
 *
 * @param params the normalised parameters in name order, as they are sent to Miro
 */
record ListQuery(Map<String, String> params) {
    /** Item types {@code GET /v2/boards/{id}/items?type=} accepts. */
    static final Set<String> ITEM_TYPES = Set.of(
            "text",
            "shape",
            "sticky_note",
            "image",
            "document",
            "card",
            "app_card",
            "preview",
            "frame",
            "embed",
            "doc_format",
            "data_table_format");

    private static final Set<String> BOARD_SORTS =
            Set.of("default", "last_modified", "last_opened", "last_created", "alphabetically");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=+/.:-]{1,1000}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_=+-]{1,64}");

    ListQuery {
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /**
     * The query of {@code GET /v2/boards}: {@code team_id}, {@code project_id}, {@code query} (≤ 500 characters),
     * {@code owner}, {@code limit} 1-50 (default 20), {@code offset} ≥ 0 (default 0), {@code sort}.
     *
     * @throws ProblemException 400 naming the parameter, for a value Miro would refuse or an unknown parameter
     */
    static ListQuery boards(Parameters query) {
        Map<String, String> params = new TreeMap<>();
        for (String name : query.names()) {
            String value = single(query, name);
            switch (name) {
                case "team_id", "project_id", "owner" -> params.put(name, matching(name, value, ID, "an id"));
                case "query" -> {
                    if (value.length() > 500) {
                        throw invalid(name, "at most 500 characters");
                    }
                    params.put(name, value);
                }
                case "sort" -> {
                    if (!BOARD_SORTS.contains(value)) {
                        throw invalid(
                                name,
                                "one of "
                                        + String.join(
                                                ", ",
                                                BOARD_SORTS.stream().sorted().toList()));
                    }
                    params.put(name, value);
                }
                case "limit", "offset" -> {
                    // read below
                }
                default -> throw unknown(name);
            }
        }
        params.put("limit", Integer.toString(number(query, "limit", 1, 50, 20)));
        params.put("offset", Integer.toString(number(query, "offset", 0, Integer.MAX_VALUE, 0)));
        return new ListQuery(params);
    }

    /**
     * The query of {@code GET /v2/boards/{id}/items}: {@code type} (one of {@link #ITEM_TYPES}), {@code limit} 10-50
     * (default 10), {@code cursor}, {@code parent_item_id}.
     *
     * @throws ProblemException 400 naming the parameter, for a value Miro would refuse or an unknown parameter
     */
    static ListQuery items(Parameters query) {
        Map<String, String> params = new TreeMap<>();
        for (String name : query.names()) {
            String value = single(query, name);
            switch (name) {
                case "type" -> {
                    if (!ITEM_TYPES.contains(value)) {
                        throw invalid(
                                name,
                                "one of "
                                        + String.join(
                                                ", ",
                                                ITEM_TYPES.stream().sorted().toList()));
                    }
                    params.put(name, value);
                }
                case "cursor" -> {
                    if (!value.isEmpty()) {
                        params.put(name, matching(name, value, CURSOR, "a cursor from a previous page"));
                    }
                }
                case "parent_item_id" ->
                    params.put(name, matching(name, value, Pattern.compile("[0-9]{1,32}"), "an item id"));
                case "limit" -> {
                    // read below
                }
                default -> throw unknown(name);
            }
        }
        params.put("limit", Integer.toString(number(query, "limit", 10, 50, 10)));
        return new ListQuery(params);
    }

    /** The normalised query string (not encoded: only part of a cache key). */
    String key() {
        StringBuilder key = new StringBuilder();
        params.forEach((name, value) -> {
            key.append(key.isEmpty() ? "" : "&").append(name).append('=').append(value);
        });
        return key.toString();
    }

    private static String single(Parameters query, String name) {
        List<String> values = query.all(name);
        if (values.size() != 1) {
            throw invalid(name, "given once");
        }
        return values.getFirst();
    }

    private static String matching(String name, String value, Pattern pattern, String what) {
        if (!pattern.matcher(value).matches()) {
            throw invalid(name, what);
        }
        return value;
    }

    private static int number(Parameters query, String name, int min, int max, int defaultValue) {
        if (!query.contains(name)) {
            return defaultValue;
        }
        String value = single(query, name);
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(
                name, max == Integer.MAX_VALUE ? "a whole number from " + min : "a whole number " + min + "-" + max);
    }

    private static ProblemException invalid(String name, String expected) {
        return new ProblemException(
                Status.BAD_REQUEST_400,
                "invalid-query-parameter",
                "Query parameter '" + name + "' must be " + expected);
    }

    private static ProblemException unknown(String name) {
        return new ProblemException(
                Status.BAD_REQUEST_400,
                "invalid-query-parameter",
                "Query parameter '" + name + "' is not supported here");
    }
}
