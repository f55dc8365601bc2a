package com.mirogateway.platform.host.http;

import com.mirogateway.platform.host.plugins.RouteTable;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routes the host registers itself (ops API, job status, static assets), recorded as they are registered so the
 * dispatcher can tell which methods a host path is served with, and answer another method with 405 instead of 404.
 *
 * <p>Every route registered through {@link #recording(HttpRules)} counts, however deep its service is nested; the
 * methods a route takes are asked of the route itself ({@link HttpRoute#accepts}), so path patterns, prefixes and
 * method predicates mean exactly what they mean to Helidon. Filled while the routing is built, then only read, from
 * any request thread.
 *
 * <p>The leading literal segments of every top-level pattern ({@code /admin}, {@code /static}) are kept as the roots
 * the host serves under, so a path outside all of them (every legacy request) is told apart without matching a route;
 * a top-level route or service registered without a pattern, or one starting with a parameter, makes every path
 * count.
 */
final class HostRoutes {
    private static final List<Method> METHODS = List.of(
            Method.GET,
            Method.HEAD,
            Method.POST,
            Method.PUT,
            Method.DELETE,
            Method.PATCH,
            Method.OPTIONS,
            Method.TRACE);

    private final List<Entry> entries = new ArrayList<>();
    private final List<String> roots = new ArrayList<>();
    private boolean everywhere;

    /**
     * Rules that register on {@code rules} and remember what they register.
     *
     * @param rules the routing to register on
     * @return the recording rules
     */
    HttpRules recording(HttpRules rules) {
        return new Recording(rules, entries, this);
    }

    /**
     * Whether any recorded route may serve a path, with some method: false when the decoded path lies outside every
     * root the host registered under, so {@link #allowed} would be empty.
     *
     * @param path the decoded request path
     * @return false when no host route can serve the path
     */
    boolean mayServe(String path) {
        if (everywhere) {
            return true;
        }
        for (String root : roots) { // on every legacy request: no stream
            if (RouteTable.startsWithSegments(path, root)) {
                return true;
            }
        }
        return false;
    }

    private void rootOf(String pathPattern) {
        StringBuilder root = new StringBuilder();
        for (String segment : pathPattern.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (!segment.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                break; // a parameter, a wildcard or an optional part: the rest is not literal
            }
            root.append('/').append(segment);
        }
        if (root.isEmpty()) {
            everywhere = true;
        } else {
            roots.add(root.toString());
        }
    }

    /**
     * The methods the recorded routes serve a path with, as a new set (the caller may add to it) in name order; empty
     * when none serves it. A route that takes every method (a guard or filter passing requests on) is left out: it says
     * nothing about the path's methods.
     *
     * @param prologue the request's prologue; its method is ignored
     * @return the allowed methods
     */
    Set<Method> allowed(HttpPrologue prologue) {
        Set<Method> allowed = new TreeSet<>((a, b) -> a.text().compareTo(b.text()));
        collect(entries, prologue, allowed);
        return allowed;
    }

    private static void collect(List<Entry> entries, HttpPrologue prologue, Set<Method> allowed) {
        for (Entry entry : entries) {
            switch (entry) {
                case Route(HttpRoute route) -> {
                    if (route.pathMatcher()
                            .map(matcher -> matcher.match(prologue.uriPath()).accepted())
                            .orElse(true)) {
                        List<Method> taken = METHODS.stream()
                                .filter(method ->
                                        route.accepts(with(prologue, method)).accepted())
                                .toList();
                        if (taken.size() < METHODS.size()) {
                            allowed.addAll(taken);
                        }
                    }
                }
                case Service(PathMatcher prefix, List<Entry> inner) -> {
                    PathMatchers.PrefixMatchResult match = prefix.prefixMatch(prologue.uriPath());
                    if (match.accepted()) {
                        collect(inner, prologue.withUriPath(match.unmatchedPath()), allowed);
                    }
                }
            }
        }
    }

    private static HttpPrologue with(HttpPrologue prologue, Method method) {
        return HttpPrologue.create(
                prologue.rawProtocol(),
                prologue.protocol(),
                prologue.protocolVersion(),
                method,
                prologue.uriPath(),
                prologue.query(),
                prologue.fragment());
    }

    private sealed interface Entry permits Route, Service {}

    private record Route(HttpRoute route) implements Entry {}

    /** A service registered under a path pattern (Helidon matches it as a prefix); its routes see the rest. */
    private record Service(PathMatcher prefix, List<Entry> entries) implements Entry {}

    /**
     * Registers on {@code delegate} and records into {@code entries}; {@code top} is set on the routing itself, whose
     * patterns give the roots, and null inside a service.
     */
    private record Recording(HttpRules delegate, List<Entry> entries, HostRoutes top) implements HttpRules {
        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService service : services) {
                if (top != null) {
                    top.everywhere = true;
                }
                delegate.register(recorded(PathMatchers.any(), service));
            }
            return this;
        }

        @Override
        public HttpRules register(String pathPattern, HttpService... services) {
            for (HttpService service : services) {
                if (top != null) {
                    top.rootOf(pathPattern);
                }
                delegate.register(pathPattern, recorded(PathMatchers.create(pathPattern), service));
            }
            return this;
        }

        @Override
        public HttpRules route(Method method, String pathPattern, Handler handler) {
            if (top != null) {
                top.rootOf(pathPattern);
            }
            return record(HttpRoute.builder()
                    .methods(method)
                    .path(pathPattern)
                    .handler(handler)
                    .build());
        }

        @Override
        public HttpRules route(HttpRoute route) {
            if (top != null) {
                top.everywhere = true; // its path matcher's extent is unknown
            }
            return record(route);
        }

        private HttpRules record(HttpRoute route) {
            entries.add(new Route(route));
            delegate.route(route);
            return this;
        }

        private HttpService recorded(PathMatcher prefix, HttpService service) {
            List<Entry> inner = new ArrayList<>();
            entries.add(new Service(prefix, inner));
            return new RecordedService(service, inner);
        }
    }

    /** A service whose routing goes through recording rules; its lifecycle is the service's own. */
    private record RecordedService(HttpService service, List<Entry> entries) implements HttpService {
        @Override
        public void routing(HttpRules rules) {
            service.routing(new Recording(rules, entries, null));
        }

        @Override
        public void beforeStart() {
            service.beforeStart();
        }

        @Override
        public void afterStart(WebServer webServer) {
            service.afterStart(webServer);
        }

        @Override
        public void afterStop() {
            service.afterStop();
        }
    }
}
