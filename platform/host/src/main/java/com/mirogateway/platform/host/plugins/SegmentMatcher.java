package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.host.plugins.RouteTemplate.Kind;
import com.mirogateway.platform.host.plugins.RouteTemplate.Segment;
import io.helidon.common.parameters.Parameters;
import io.helidon.common.uri.UriPath;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.http.RoutedPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a template made of literal segments and {@code {name}} parameters by comparing the decoded path segment by
 * segment, with the result Helidon's regular-expression matcher gives for the same template (a parameter is one
 * non-empty segment; literals compare exactly). The dispatcher matches every claimed request, and the regular
 * expression was a visible part of a cache hit's cost.
 *
 * <p>Templates with a wildcard, and literals holding a percent escape, keep Helidon's matcher ({@link #create}).
 */
final class SegmentMatcher implements PathMatcher {
    private final List<Segment> segments;
    private final PathMatcher helidon;

    private SegmentMatcher(List<Segment> segments, PathMatcher helidon) {
        this.segments = segments;
        this.helidon = helidon;
    }

    /** The matcher for a template: segment by segment where it holds parameters only, otherwise Helidon's. */
    static PathMatcher create(RouteTemplate template) {
        PathMatcher helidon = PathMatchers.create(template.text());
        boolean hasParameter = false;
        for (Segment segment : template.segments()) {
            switch (segment.kind()) {
                case WILDCARD -> {
                    return helidon;
                }
                case LITERAL -> {
                    if (segment.text().indexOf('%') >= 0) {
                        return helidon;
                    }
                }
                case PARAMETER -> hasParameter = true;
            }
        }
        // Without parameters Helidon's matcher is a string comparison already.
        return hasParameter ? new SegmentMatcher(template.segments(), helidon) : helidon;
    }

    @Override
    public PathMatchers.MatchResult match(UriPath uriPath) {
        String path = uriPath.path();
        Map<String, String> parameters = new HashMap<>();
        int start = 1; // after the leading '/'
        for (int i = 0; i < segments.size(); i++) {
            if (start > path.length()) {
                return PathMatchers.MatchResult.notAccepted();
            }
            int end = path.indexOf('/', start);
            boolean last = i == segments.size() - 1;
            if (end < 0) {
                end = path.length();
            } else if (last) {
                return PathMatchers.MatchResult.notAccepted(); // more segments than the template
            }
            Segment segment = segments.get(i);
            if (segment.kind() == Kind.LITERAL) {
                if (!path.regionMatches(start, segment.text(), 0, segment.text().length())
                        || end - start != segment.text().length()) {
                    return PathMatchers.MatchResult.notAccepted();
                }
            } else if (end == start) {
                return PathMatchers.MatchResult.notAccepted(); // a parameter is never empty
            } else {
                parameters.put(name(segment), path.substring(start, end));
            }
            start = end + 1;
        }
        if (start <= path.length()) {
            return PathMatchers.MatchResult.notAccepted(); // the path continues past the template
        }
        return new PathMatchers.MatchResult(
                true, new MatchedPath(uriPath, Parameters.createSingleValueMap("http/path", parameters)));
    }

    @Override
    public PathMatchers.PrefixMatchResult prefixMatch(UriPath uriPath) {
        return helidon.prefixMatch(uriPath);
    }

    private static String name(Segment parameter) {
        String text = parameter.text();
        return text.substring(1, text.length() - 1);
    }

    /** A matched request path with the template's parameters. */
    private record MatchedPath(UriPath uriPath, Parameters pathParameters) implements RoutedPath {
        @Override
        public RoutedPath absolute() {
            return new MatchedPath(uriPath.absolute(), pathParameters);
        }

        @Override
        public String rawPath() {
            return uriPath.rawPath();
        }

        @Override
        public String rawPathNoParams() {
            return uriPath.rawPathNoParams();
        }

        @Override
        public String path() {
            return uriPath.path();
        }

        @Override
        public Parameters matrixParameters() {
            return uriPath.matrixParameters();
        }

        @Override
        public void validate() {
            uriPath.validate();
        }

        @Override
        public String toString() {
            return uriPath + " (" + pathParameters + ")";
        }
    }
}
