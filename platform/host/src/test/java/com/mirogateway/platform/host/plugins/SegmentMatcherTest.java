package com.mirogateway.platform.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.uri.UriPath;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentMatcherTest {
    private static final List<String> TEMPLATES = List.of(
            "/api/boards/{boardId}",
            "/api/boards/{boardId}/items",
            "/api/boards/{boardId}/items/{itemId}",
            "/{tenant}/boards",
            "/api/v2.1/{id}",
            "/hooks/{subscriptionSecret}/deliveries");

    private static final List<String> PATHS = List.of(
            "/",
            "/api",
            "/api/boards",
            "/api/boards/",
            "/api/boards/42",
            "/api/boards/42/",
            "/api/boards//items",
            "/api/boards/42/items",
            "/api/boards/42/items/",
            "/api/boards/42/items/7",
            "/api/boards/42/items/7/more",
            "/api/boards/uXjV%3D/items",
            "/api/boards/a%2Fb/items",
            "/api/boards/a%20b",
            "/api/boardsX/42",
            "/api/board/42",
            "/acme/boards",
            "//boards",
            "/api/v2.1/9",
            "/api/v2x1/9",
            "/hooks/s3cr3t/deliveries",
            "/hooks/s3cr3t/deliveries/x");

    @Test
    void matchesEveryPathAsHelidonsMatcherDoes() {
        int accepted = 0;
        for (String template : TEMPLATES) {
            PathMatcher ours = SegmentMatcher.create(RouteTemplate.parse(template));
            assertThat(ours).as(template).isInstanceOf(SegmentMatcher.class);
            PathMatcher helidon = PathMatchers.create(template);
            for (String path : PATHS) {
                UriPath uriPath = UriPath.create(path);
                PathMatchers.MatchResult expected = helidon.match(uriPath);
                PathMatchers.MatchResult actual = ours.match(uriPath);
                assertThat(actual.accepted())
                        .as("%s against %s", path, template)
                        .isEqualTo(expected.accepted());
                if (expected.accepted()) {
                    accepted++;
                    assertThat(actual.path().pathParameters().toMap())
                            .as("%s against %s", path, template)
                            .isEqualTo(expected.path().pathParameters().toMap());
                    assertThat(actual.path().rawPath()).isEqualTo(path);
                    assertThat(actual.path().absolute().pathParameters().toMap())
                            .isEqualTo(expected.path().pathParameters().toMap());
                }
            }
        }
        assertThat(accepted).as("paths some template accepted").isGreaterThanOrEqualTo(8);
    }

    @Test
    void decodedParameterValuesAreTheOnesHelidonGives() {
        PathMatcher ours = SegmentMatcher.create(RouteTemplate.parse("/api/boards/{boardId}"));

        PathMatchers.MatchResult result = ours.match(UriPath.create("/api/boards/uXjV%3D"));

        assertThat(result.path().pathParameters().get("boardId")).isEqualTo("uXjV=");
    }

    @Test
    void wildcardsEscapedLiteralsAndParameterlessTemplatesKeepHelidonsMatcher() {
        assertThat(SegmentMatcher.create(RouteTemplate.parse("/v2/{+rest}"))).isNotInstanceOf(SegmentMatcher.class);
        assertThat(SegmentMatcher.create(RouteTemplate.parse("/files/*"))).isNotInstanceOf(SegmentMatcher.class);
        assertThat(SegmentMatcher.create(RouteTemplate.parse("/a%20b/{id}"))).isNotInstanceOf(SegmentMatcher.class);
        assertThat(SegmentMatcher.create(RouteTemplate.parse("/api/health"))).isNotInstanceOf(SegmentMatcher.class);
    }
}
