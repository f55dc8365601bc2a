package com.mirogateway.platform.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.WritableHeaders;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CorrelationFilterTest {

    @Test
    void aSafeRequestIdIsKeptElseTheTraceIdElseANewVersion4Uuid() {
        WritableHeaders<?> given = WritableHeaders.create();
        given.set(HeaderValues.create(HeaderNames.create("X-Request-Id"), "client-42"));
        WritableHeaders<?> traced = WritableHeaders.create();
        traced.set(HeaderValues.create(
                HeaderNames.create("traceparent"), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

        assertThat(CorrelationFilter.correlationId(given)).isEqualTo("client-42");
        assertThat(CorrelationFilter.correlationId(traced)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        UUID generated = UUID.fromString(CorrelationFilter.correlationId(WritableHeaders.create()));
        assertThat(generated.version()).isEqualTo(4);
        assertThat(generated.variant()).isEqualTo(2);
    }

    @Test
    void generatedIdsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(CorrelationFilter.newId());
        }
        assertThat(ids).hasSize(100_000);
    }
}
