package com.mirogateway.platform.host.security;

import com.mirogateway.platform.host.plugins.RouteTable;
import java.util.List;

/**
 * Which paths need a token and which the ops role. Deny by default: a path needs a token unless it lies under one of
 * the public prefixes, so a plugin claiming a new path is protected without anyone remembering to. A path with empty,
 * {@code .} or {@code ..} segments is never public (it cannot sneak into {@code /api} through {@code
 * /static/../api}).
 */
record AccessPolicy(List<String> publicPrefixes) {
    static final String ADMIN = "/admin";

    AccessPolicy {
        publicPrefixes = List.copyOf(publicPrefixes);
    }

    /** Whether a decoded request path is served without a token. */
    boolean isPublic(String path) {
        for (String prefix : publicPrefixes) {
            if (RouteTable.startsWithSegments(path, prefix)) {
                return isClean(path);
            }
        }
        return false;
    }

    /** Whether a decoded request path belongs to the ops API. */
    static boolean isAdmin(String path) {
        return RouteTable.startsWithSegments(path, ADMIN);
    }

    /** Whether a path has no empty, {@code .} or {@code ..} segment (and no backslash). */
    static boolean isClean(String path) {
        if (!path.startsWith("/") || path.indexOf('\\') >= 0) {
            return false;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
