package com.mirogateway.platform.host.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimPathTest {
    @Test
    void readsAnArrayClaim() {
        assertThat(ClaimPath.strings(Map.of("roles", List.of("ops", "reader", 3)), "roles"))
                .containsExactly("ops", "reader");
    }

    @Test
    void readsANestedPath() {
        Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("ops")));
        assertThat(ClaimPath.strings(claims, "realm_access.roles")).containsExactly("ops");
        assertThat(ClaimPath.strings(claims, "realm_access.missing.roles")).isEmpty();
    }

    @Test
    void claimNamedWithDotsIsFoundByItsFullName() {
        assertThat(ClaimPath.strings(Map.of("https://example.com/roles", List.of("ops")), "https://example.com/roles"))
                .containsExactly("ops");
    }

    @Test
    void readsASpaceOrCommaSeparatedString() {
        assertThat(ClaimPath.strings(Map.of("scope", "openid ops,reader"), "scope"))
                .containsExactly("openid", "ops", "reader");
    }

    @Test
    void otherShapesYieldNothing() {
        assertThat(ClaimPath.strings(Map.of("roles", 42), "roles")).isEmpty();
        assertThat(ClaimPath.strings(Map.of(), "roles")).isEmpty();
        assertThat(ClaimPath.strings(Map.of("a", "x"), "a.b")).isEmpty();
    }
}
