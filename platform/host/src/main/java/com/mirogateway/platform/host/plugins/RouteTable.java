package com.mirogateway.platform.host.plugins;

import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.http.RoutedPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of every started plugin's claims and fallbacks, read by the dispatcher on every request.
 *
 * <p>Built by {@link PluginHost} off the request path and swapped atomically. Claims are kept most specific first, so
 * the first match wins; fallbacks longest prefix first.
 */
public final class RouteTable {
    private static final RouteTable EMPTY = new RouteTable(0, List.of(), List.of());

    private final long revision;
    private final List<RouteEntry> routes;
    private final List<FallbackEntry> fallbacks;
    /** Per claim, the literal segments its template starts with: a path not starting with them cannot match. */
    private final String[] literalPrefixes;
    /** The literal prefixes of the public claims: a path under none of them cannot resolve to one. */
    private final String[] publicPrefixes;

    private RouteTable(long revision, List<RouteEntry> routes, List<FallbackEntry> fallbacks) {
        this.revision = revision;
        this.routes = routes;
        this.fallbacks = fallbacks;
        this.literalPrefixes =
                routes.stream().map(r -> r.template().literalPrefix()).toArray(String[]::new);
        this.publicPrefixes = routes.stream()
                .filter(RouteEntry::publicAccess)
                .map(r -> r.template().literalPrefix())
                .toArray(String[]::new);
    }

    static RouteTable empty() {
        return EMPTY;
    }

    static RouteTable of(long revision, List<RouteEntry> routes, List<FallbackEntry> fallbacks) {
        List<RouteEntry> sortedRoutes = new ArrayList<>(routes);
        sortedRoutes.sort(Comparator.comparing(RouteEntry::template)
                .thenComparing(r -> r.method().text()));
        List<FallbackEntry> sortedFallbacks = new ArrayList<>(fallbacks);
        sortedFallbacks.sort(
                Comparator.comparingInt((FallbackEntry f) -> f.prefix().length())
                        .reversed());
        return new RouteTable(revision, List.copyOf(sortedRoutes), List.copyOf(sortedFallbacks));
    }

    /** The table's revision; every published change gets a higher one. */
    public long revision() {
        return revision;
    }

    /** The claims, most specific first. */
    public List<RouteEntry> routes() {
        return routes;
    }

    /** The fallbacks, longest prefix first. */
    public List<FallbackEntry> fallbacks() {
        return fallbacks;
    }

    /**
     * Finds what serves a request.
     *
     * @param method the request method
     * @param path the request path
     * @return the resolution: a claim with its routed path, a fallback, a 405 with the allowed methods, or not found
     */
    public Resolution resolve(Method method, UriPath path) {
        Set<Method> allowed = null;
        String decoded = path.path();
        for (int i = 0; i < literalPrefixes.length; i++) {
            if (!startsWithSegments(decoded, literalPrefixes[i])) {
                continue; // cheaper than the matcher's regular expression, which would refuse it too
            }
            RouteEntry route = routes.get(i);
            PathMatchers.MatchResult match = route.matcher().match(path);
            if (!match.accepted()) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Resolution.Claimed(route, match.path());
            }
            if (allowed == null) {
                allowed = new LinkedHashSet<>();
            }
            allowed.add(route.method());
        }
        Optional<FallbackEntry> fallback = fallbackFor(path.path());
        if (fallback.isPresent()) {
            return new Resolution.Fallback(fallback.get());
        }
        return allowed == null ? Resolution.NotFound.INSTANCE : new Resolution.MethodNotAllowed(Set.copyOf(allowed));
    }

    /**
     * Whether a request resolves to a public claim ({@code Routes.claimPublic}), so it is served without a token. Only
     * the claim the request would be dispatched to counts: a more specific non-public claim on the same path wins.
     *
     * @param method the request method
     * @param path the request path
     * @return true if the request's route is public
     */
    public boolean isPublic(Method method, UriPath path) {
        String decoded = path.path();
        for (String prefix : publicPrefixes) {
            if (startsWithSegments(decoded, prefix)) {
                return resolve(method, path) instanceof Resolution.Claimed claimed
                        && claimed.route().publicAccess();
            }
        }
        return false;
    }

    /**
     * Whether a path is {@code prefix} or lies under it, at a segment boundary ({@code /admin} covers {@code
     * /admin/x}, not {@code /administrator}).
     *
     * @param path a decoded request path
     * @param prefix a path prefix without a trailing slash
     * @return true if the path starts with the prefix's segments
     */
    public static boolean startsWithSegments(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** The fallback covering {@code path}, if any. */
    public Optional<FallbackEntry> fallbackFor(String path) {
        for (FallbackEntry fallback : fallbacks) {
            if (fallback.covers(path)) {
                return Optional.of(fallback);
            }
        }
        return Optional.empty();
    }

    /** What the dispatcher does with a request. */
    public sealed interface Resolution {
        /** A plugin's claim matched. */
        record Claimed(RouteEntry route, RoutedPath routedPath) implements Resolution {}

        /** No claim matched; a plugin's fallback covers the path. */
        record Fallback(FallbackEntry fallback) implements Resolution {}

        /** The path is claimed, but not for this method. */
        record MethodNotAllowed(Set<Method> allowed) implements Resolution {}

        /** Nothing serves the path. */
        enum NotFound implements Resolution {
            INSTANCE
        }
    }
}
