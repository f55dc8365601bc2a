package com.mirogateway.plugins.legacyproxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetGuardTest {
    private final RequestTargetGuard guard = new RequestTargetGuard("/api");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api",
                "/api/",
                "/api/boards/b1/items",
                "/api/files/a%2Fb/%7Euser%20name/caf%C3%A9",
                "/api/files/v1.2..final/.hidden/a.b/...",
                "/api/files/100%25",
                "/api/files/100%25done",
                "/api/x;jsessionid=1",
                "/api/%E2%82%AC"
            })
    void acceptsOrdinaryPaths(String path) {
        assertThat(guard.refusal(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://evil.example/api/x",
                "evil.example/api/x",
                "*",
                "",
                "//evil.example/api/x",
                "//api/x",
                "/apix",
                "/apiary/x",
                "/%61pi/x",
                "/API/x"
            })
    void refusesTargetsOutsideOriginFormUnderThePrefix(String path) {
        assertThat(guard.refusal(path)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/..",
                "/api/.",
                "/api/a/../b",
                "/api/a/./b",
                "/api/a/%2e%2e/b",
                "/api/a/%2E%2e/b",
                "/api/a/.%2e/b",
                "/api/a/%2e/b",
                "/api/a/%252e%252e/b",
                "/api/a/%25252e%25252e/b",
                "/api/a%2f..%2fb",
                "/api/a%2F%2E%2E%2Fb",
                "/api/a/..;/b",
                "/api/a/%2e%2e;x=1/b",
                "/api/a\\..\\b",
                "/api/a%5c..%5cb",
                "/api/a%5cb",
                "/api/a%00b",
                "/api/a%0d%0aX-Injected:%201",
                "/api/a%zzb",
                "/api/a%2"
            })
    void refusesDotSegmentsBackslashesControlCharactersAndBadEncodings(String path) {
        assertThat(guard.refusal(path)).isPresent();
    }

    @Test
    void explainsWhy() {
        assertThat(guard.refusal("/api/a/%2e%2e/b")).contains("The path contains a . or .. segment");
        assertThat(guard.refusal("//evil/api"))
                .contains("Only origin-form request targets (a path starting with a single /) are proxied");
        assertThat(guard.refusal("/other")).contains("Only paths under /api/ are proxied");
    }
}
