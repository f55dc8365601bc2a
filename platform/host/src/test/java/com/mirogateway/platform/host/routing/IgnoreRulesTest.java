package com.mirogateway.platform.host.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IgnoreRulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"$", "$.", "$[1", "$[x]", "$x", " ", "$.a..b"})
    void malformedRulesAreRefused(String rule) {
        assertThatThrownBy(() -> IgnoreRules.check(rule)).isInstanceOf(InvalidRouteModeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "$.id", "$.data[*].id", "$.data[0]", "$['a.b']", "$.*.id"})
    void wellFormedRulesAreAccepted(String rule) {
        IgnoreRules.check(rule);
    }

    @org.junit.jupiter.api.Test
    void rulesCombine() {
        IgnoreRules rules = IgnoreRules.of(List.of("a")).and(List.of("$.b[*]"));

        assertThat(rules.ignores(List.of("x", "a"))).isTrue();
        assertThat(rules.ignores(List.of("b", 3))).isTrue();
        assertThat(rules.ignores(List.of("b"))).isFalse();
        assertThat(IgnoreRules.NONE.and(List.of())).isSameAs(IgnoreRules.NONE);
    }
}
