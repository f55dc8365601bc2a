package com.mirogateway.platform.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.mirogateway.platform.host.plugins.RouteTemplate.Kind;
import com.mirogateway.platform.host.plugins.RouteTemplate.Segment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTemplateTest {

    @Test
    void theLiteralPrefixEndsAtTheFirstParameterWildcardOrEscape() {
        assertThat(RouteTemplate.parse("/api/boards/{boardId}/items").literalPrefix())
                .isEqualTo("/api/boards");
        assertThat(RouteTemplate.parse("/admin/cache").literalPrefix()).isEqualTo("/admin/cache");
        assertThat(RouteTemplate.parse("/v2/*").literalPrefix()).isEqualTo("/v2");
        assertThat(RouteTemplate.parse("/{any}/x").literalPrefix()).isEmpty();
        assertThat(RouteTemplate.parse("/files/a%20b/{id}").literalPrefix()).isEqualTo("/files");
        assertThat(RouteTemplate.parse("/").literalPrefix()).isEmpty();
    }

    @Test
    void secretParametersAreRedactedFromThePathShown() {
        RouteTemplate hook = RouteTemplate.parse("/webhooks/{kind}/{subscriptionSecret}");
        RouteTemplate plain = RouteTemplate.parse("/api/boards/{boardId}/{secretary}");

        assertThat(hook.hasSecrets()).isTrue();
        assertThat(hook.redact("/webhooks/miro/s3cr3t")).isEqualTo("/webhooks/miro/[redacted]");
        assertThat(RouteTemplate.parse("/hooks/{secret}/x").redact("/hooks/abc/x"))
                .isEqualTo("/hooks/[redacted]/x");
        assertThat(plain.hasSecrets()).isFalse();
    }

    @Test
    void parsesLiteralParameterAndWildcardSegments() {
        RouteTemplate template = RouteTemplate.parse("/api/boards/{boardId}/items/*");

        assertThat(template.text()).isEqualTo("/api/boards/{boardId}/items/*");
        assertThat(template.segments())
                .containsExactly(
                        new Segment(Kind.LITERAL, "api"),
                        new Segment(Kind.LITERAL, "boards"),
                        new Segment(Kind.PARAMETER, "{boardId}"),
                        new Segment(Kind.LITERAL, "items"),
                        new Segment(Kind.WILDCARD, "*"));
    }

    @Test
    void greedyParameterIsAWildcard() {
        assertThat(RouteTemplate.parse("/v2/{+rest}").segments())
                .containsExactly(new Segment(Kind.LITERAL, "v2"), new Segment(Kind.WILDCARD, "{+rest}"));
    }

    @Test
    void rootTemplateHasNoSegments() {
        RouteTemplate root = RouteTemplate.parse("/");

        assertThat(root.segments()).isEmpty();
        assertThat(root.shape()).isEqualTo("/");
    }

    @Test
    void literalSegmentsMayUseUnreservedAndSubDelimiterCharacters() {
        assertThat(RouteTemplate.parse("/a.b_c~d-e/x:y@z/%20/$&'()+,;=!").segments())
                .extracting(Segment::kind)
                .containsOnly(Kind.LITERAL)
                .hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "api/boards",
                "/api/",
                "/api//boards",
                "/api boards",
                "/api/{1st}",
                "/api/{board-id}",
                "/api/{}",
                "/files/*/meta",
                "/v2/{+rest}/meta",
                "/api/bo*rds",
                "/api/{id}x"
            })
    void rejectsMalformedTemplatesNamingThem(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RouteTemplate.parse(text))
                .withMessageContaining(text.isEmpty() ? "must start with '/'" : text);
    }

    @Test
    void rejectsNull() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RouteTemplate.parse(null))
                .withMessage("Path template must start with '/': null");
    }

    @Test
    void shapeErasesParameterNamesSoDifferentlyNamedClaimsConflict() {
        assertThat(RouteTemplate.parse("/boards/{id}/items").shape())
                .isEqualTo(RouteTemplate.parse("/boards/{boardId}/items").shape())
                .isEqualTo("/boards/{}/items");
        assertThat(RouteTemplate.parse("/files/*").shape())
                .isEqualTo(RouteTemplate.parse("/files/{+rest}").shape())
                .isEqualTo("/files/*");
        assertThat(RouteTemplate.parse("/boards/mine").shape()).isEqualTo("/boards/mine");
    }

    @Test
    void literalIsMoreSpecificThanParameterWhichIsMoreSpecificThanWildcard() {
        RouteTemplate literal = RouteTemplate.parse("/api/boards/mine");
        RouteTemplate parameter = RouteTemplate.parse("/api/boards/{id}");
        RouteTemplate wildcard = RouteTemplate.parse("/api/boards/*");

        assertThat(literal.compareTo(parameter)).isNegative();
        assertThat(parameter.compareTo(literal)).isPositive();
        assertThat(parameter.compareTo(wildcard)).isNegative();
        assertThat(wildcard.compareTo(parameter)).isPositive();
        assertThat(literal.compareTo(wildcard)).isNegative();
    }

    @Test
    void leftmostDifferenceDecides() {
        RouteTemplate literalFirst = RouteTemplate.parse("/api/boards/{id}");
        RouteTemplate parameterFirst = RouteTemplate.parse("/api/{kind}/items");

        assertThat(literalFirst.compareTo(parameterFirst)).isNegative();
        assertThat(parameterFirst.compareTo(literalFirst)).isPositive();
    }

    @Test
    void longerTemplateIsMoreSpecificThanItsPrefix() {
        RouteTemplate longer = RouteTemplate.parse("/api/boards/{id}/items");
        RouteTemplate prefix = RouteTemplate.parse("/api/boards/{id}");

        assertThat(longer.compareTo(prefix)).isNegative();
        assertThat(prefix.compareTo(longer)).isPositive();
        assertThat(prefix.compareTo(RouteTemplate.parse("/"))).isNegative();
    }

    @Test
    void differentLiteralsOrderAlphabeticallyAndEqualTemplatesCompareEqual() {
        assertThat(RouteTemplate.parse("/a/x").compareTo(RouteTemplate.parse("/b/x")))
                .isNegative();
        assertThat(RouteTemplate.parse("/b/x").compareTo(RouteTemplate.parse("/a/x")))
                .isPositive();
        assertThat(RouteTemplate.parse("/a/{id}").compareTo(RouteTemplate.parse("/a/{other}")))
                .isZero();
        assertThat(RouteTemplate.parse("/a/*").compareTo(RouteTemplate.parse("/a/{+rest}")))
                .isZero();
    }

    @Test
    void sortingPutsTheMostSpecificTemplateFirst() {
        List<String> expected = List.of(
                "/api/boards/mine/items",
                "/api/boards/mine",
                "/api/boards/{id}/items",
                "/api/boards/{id}",
                "/api/boards/*",
                "/api/{kind}",
                "/api",
                "/{any}",
                "/");
        List<RouteTemplate> templates =
                new ArrayList<>(expected.stream().map(RouteTemplate::parse).toList());
        Collections.shuffle(templates, new Random(42));

        Collections.sort(templates);

        assertThat(templates).extracting(RouteTemplate::text).containsExactlyElementsOf(expected);
    }
}
