package com.mirogateway.platform.host.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final List<String> HEADERS = List.of("content-type", "cache-control");

    private static Answer answer(int status, Map<String, String> headers, String body) {
        return new Answer(
                status,
                headers,
                Optional.ofNullable(headers.get("content-type")),
                body.getBytes(StandardCharsets.UTF_8),
                false,
                1,
                Optional.empty());
    }

    private static JsonDiff.Result compare(Answer legacy, Answer plugin) {
        return Comparison.compare(legacy, plugin, HEADERS, IgnoreRules.NONE);
    }

    @Test
    void jsonBodiesCompareStructurallyWhenEitherSideSaysJson() {
        Answer legacy = answer(200, Map.of("content-type", "application/json; charset=utf-8"), "{\"a\":1,\"b\":2}");
        Answer plugin = answer(200, Map.of("content-type", "application/json;charset=UTF-8"), "{\"b\":2,\"a\":1}");

        assertThat(compare(legacy, plugin).matches()).isTrue();
    }

    @Test
    void jsonIsRecognisedEvenWhenContentTypeIsNotCompared() {
        Answer legacy = new Answer(
                200,
                Map.of(),
                Optional.of("application/json"),
                "{\"a\":1,\"b\":2}".getBytes(StandardCharsets.UTF_8),
                false,
                1,
                Optional.empty());
        Answer plugin = new Answer(
                200,
                Map.of(),
                Optional.of("application/json"),
                "{\"b\":2,\"a\":1}".getBytes(StandardCharsets.UTF_8),
                false,
                1,
                Optional.empty());

        assertThat(Comparison.compare(legacy, plugin, List.of(), IgnoreRules.NONE)
                        .matches())
                .isTrue();
    }

    @Test
    void statusAndHeadersAreComparedSeparately() {
        Answer legacy = answer(200, Map.of("content-type", "application/json", "cache-control", "no-store"), "{}");
        Answer plugin = answer(201, Map.of("content-type", "application/problem+json"), "{}");

        JsonDiff.Result result = compare(legacy, plugin);

        assertThat(result.differences())
                .extracting(Difference::path, Difference::change)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("status", Difference.Change.CHANGED),
                        org.assertj.core.groups.Tuple.tuple("headers.content-type", Difference.Change.CHANGED),
                        org.assertj.core.groups.Tuple.tuple("headers.cache-control", Difference.Change.ONLY_LEGACY));
    }

    @Test
    void otherBodiesCompareByteForByteAndOnlyTheirLengthsAreReported() {
        Answer legacy = answer(200, Map.of("content-type", "text/plain"), "secret one");
        Answer plugin = answer(200, Map.of("content-type", "text/plain"), "secret two!");

        JsonDiff.Result result = compare(legacy, plugin);

        assertThat(result.differences()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("body");
            assertThat(d.legacy().orElseThrow().asText()).isEqualTo("10 bytes");
            assertThat(d.plugin().orElseThrow().asText()).isEqualTo("11 bytes");
        });
        assertThat(compare(legacy, legacy).matches()).isTrue();
    }

    @Test
    void unparsableJsonFallsBackToBytesAndEmptyBodiesMatch() {
        Answer broken = answer(200, Map.of("content-type", "application/json"), "{nope");

        assertThat(compare(broken, broken).matches()).isTrue();
        assertThat(compare(broken, answer(200, Map.of("content-type", "application/json"), "{}"))
                        .matches())
                .isFalse();
        assertThat(compare(answer(204, Map.of(), ""), answer(204, Map.of(), "")).matches())
                .isTrue();
    }
}
