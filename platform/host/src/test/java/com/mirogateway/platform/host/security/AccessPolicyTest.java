package com.mirogateway.platform.host.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private final AccessPolicy policy = new AccessPolicy(SecurityConfig.DEFAULT_PUBLIC_PATHS);

    @Test
    void publicPrefixesMatchWholeSegments() {
        assertThat(policy.isPublic("/observe/health")).isTrue();
        assertThat(policy.isPublic("/observe/health/live")).isTrue();
        assertThat(policy.isPublic("/console/")).isTrue();
        assertThat(policy.isPublic("/webhooks/miro"))
                .as("plugins' public routes are claims (Routes.claimPublic), not prefixes")
                .isFalse();
        assertThat(policy.isPublic("/static/1.0/app.js")).isTrue();
        assertThat(policy.isPublic("/static/")).isTrue();
        assertThat(policy.isPublic("/staticx")).isFalse();
        assertThat(policy.isPublic("/observe/healthz")).isFalse();
    }

    @Test
    void everythingElseNeedsAToken() {
        assertThat(policy.isPublic("/api/boards")).isFalse();
        assertThat(policy.isPublic("/v2/boards")).isFalse();
        assertThat(policy.isPublic("/admin/plugins")).isFalse();
        assertThat(policy.isPublic("/")).isFalse();
        assertThat(policy.isPublic("/anything")).isFalse();
    }

    @Test
    void dotSegmentsEmptySegmentsAndBackslashesAreNeverPublic() {
        assertThat(policy.isPublic("/static/../api/boards")).isFalse();
        assertThat(policy.isPublic("/static/./x")).isFalse();
        assertThat(policy.isPublic("/static//x")).isFalse();
        assertThat(policy.isPublic("/static/..\\api")).isFalse();
        assertThat(policy.isPublic("static/x")).isFalse();
    }

    @Test
    void adminIsRecognisedBySegment() {
        assertThat(AccessPolicy.isAdmin("/admin")).isTrue();
        assertThat(AccessPolicy.isAdmin("/admin/plugins")).isTrue();
        assertThat(AccessPolicy.isAdmin("/administrator")).isFalse();
    }
}
