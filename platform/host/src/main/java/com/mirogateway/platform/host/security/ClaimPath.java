package com.mirogateway.platform.host.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads a set of strings (roles, groups) from token claims by a claim name or a dotted path such as {@code
 * realm_access.roles} (Keycloak). A claim whose own name contains dots ({@code https://example.com/roles}) is found by
 * its full name first. The value may be a JSON array of strings or one string of space- or comma-separated names (as
 * {@code scope} is); anything else yields no roles.
 */
final class ClaimPath {
    private ClaimPath() {}

    static Set<String> strings(Map<String, Object> claims, String path) {
        Object value = claims.containsKey(path) ? claims.get(path) : walk(claims, path);
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof Collection<?> values) {
            for (Object item : values) {
                if (item instanceof String s && !s.isBlank()) {
                    out.add(s);
                }
            }
        } else if (value instanceof String s) {
            for (String part : s.split("[\\s,]+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    private static Object walk(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String segment : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segment);
        }
        return current;
    }
}
