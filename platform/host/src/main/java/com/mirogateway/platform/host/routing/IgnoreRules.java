package com.mirogateway.platform.host.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which JSON fields a comparison ignores: a bare field name ({@code createdAt}) is ignored at any depth; a JSON path
 * ({@code $.data[*].id}, {@code $.links.self}, {@code $['odd.key']}, {@code $.items[0]}) names one place, {@code *}
 * standing for any member name or any array index. An ignored field is skipped with everything below it, whether it
 * differs or exists on one side only. Immutable.
 */
final class IgnoreRules {
    static final IgnoreRules NONE = new IgnoreRules(Set.of(), List.of());

    private static final Object ANY = new Object();

    private final Set<String> names;
    private final List<List<Object>> paths;

    private IgnoreRules(Set<String> names, List<List<Object>> paths) {
        this.names = names;
        this.paths = paths;
    }

    /**
     * Parses rules.
     *
     * @param rules field names and JSON paths
     * @return the rules
     * @throws InvalidRouteModeException if a rule is empty or a malformed path
     */
    static IgnoreRules of(List<String> rules) {
        Set<String> names = new HashSet<>();
        List<List<Object>> paths = new ArrayList<>();
        for (String rule : rules) {
            String trimmed = rule == null ? "" : rule.strip();
            if (trimmed.startsWith("$")) {
                paths.add(List.copyOf(parsePath(trimmed)));
            } else if (!trimmed.isEmpty()) {
                names.add(trimmed);
            } else {
                throw new InvalidRouteModeException("An ignore rule must not be empty");
            }
        }
        return new IgnoreRules(Set.copyOf(names), List.copyOf(paths));
    }

    /** Throws {@link InvalidRouteModeException} if the rule is malformed. */
    static void check(String rule) {
        of(List.of(rule));
    }

    /** These rules and {@code more}. */
    IgnoreRules and(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        IgnoreRules other = of(more);
        Set<String> allNames = new HashSet<>(names);
        allNames.addAll(other.names);
        List<List<Object>> allPaths = new ArrayList<>(paths);
        allPaths.addAll(other.paths);
        return new IgnoreRules(Set.copyOf(allNames), List.copyOf(allPaths));
    }

    /**
     * Whether the member or element at {@code path} is ignored.
     *
     * @param path member names ({@link String}) and array indexes ({@link Integer}) from the root
     * @return true if a rule covers it
     */
    boolean ignores(List<Object> path) {
        if (!path.isEmpty() && path.getLast() instanceof String name && names.contains(name)) {
            return true;
        }
        for (List<Object> rule : paths) {
            if (matches(rule, path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<Object> rule, List<Object> path) {
        if (rule.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < rule.size(); i++) {
            Object expected = rule.get(i);
            if (expected != ANY && !expected.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<Object> parsePath(String rule) {
        List<Object> segments = new ArrayList<>();
        int i = 1;
        while (i < rule.length()) {
            char c = rule.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < rule.length() && rule.charAt(end) != '.' && rule.charAt(end) != '[') {
                    end++;
                }
                String name = rule.substring(i + 1, end);
                if (name.isEmpty()) {
                    throw malformed(rule);
                }
                segments.add(name.equals("*") ? ANY : name);
                i = end;
            } else if (c == '[') {
                int close = rule.indexOf(']', i);
                if (close < 0) {
                    throw malformed(rule);
                }
                segments.add(bracket(rule, rule.substring(i + 1, close)));
                i = close + 1;
            } else {
                throw malformed(rule);
            }
        }
        if (segments.isEmpty()) {
            throw malformed(rule);
        }
        return segments;
    }

    private static Object bracket(String rule, String inside) {
        if (inside.equals("*")) {
            return ANY;
        }
        if (inside.length() >= 2 && inside.startsWith("'") && inside.endsWith("'")) {
            return inside.substring(1, inside.length() - 1);
        }
        try {
            return Integer.parseInt(inside);
        } catch (NumberFormatException e) {
            throw new InvalidRouteModeException(malformed(rule).getMessage(), e);
        }
    }

    private static InvalidRouteModeException malformed(String rule) {
        return new InvalidRouteModeException("Malformed JSON path '" + rule
                + "' in ignore rules; use $.name, $.list[*].name, $['odd.name'] or a bare field name");
    }
}
