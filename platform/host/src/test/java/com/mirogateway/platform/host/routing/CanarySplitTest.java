package com.mirogateway.platform.host.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.http.HeaderNames;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CanarySplitTest {
    @Test
    void bucketsAreStableAndEvenlySpread() {
        assertThat(CanarySplit.bucket("user-42")).isEqualTo(CanarySplit.bucket("user-42"));
        long belowTenPercent = IntStream.range(0, 20_000)
                .filter(i -> CanarySplit.bucket("user-" + i) < 1_000)
                .count();
        assertThat(belowTenPercent).isBetween(1_800L, 2_200L);
        assertThat(IntStream.range(0, 1_000).map(i -> CanarySplit.bucket("k" + i)))
                .allSatisfy(b -> assertThat(b).isBetween(0, CanarySplit.BUCKETS - 1));
    }

    @Test
    void theForceHeaderNamesASideOrNothing() {
        assertThat(CanarySplit.forced(Optional.of(" Plugin "))).contains(true);
        assertThat(CanarySplit.forced(Optional.of("legacy"))).contains(false);
        assertThat(CanarySplit.forced(Optional.of("both"))).isEmpty();
        assertThat(CanarySplit.forced(Optional.empty())).isEmpty();
    }

    @Test
    void stickyKeysParse() {
        assertThat(StickyKey.parse("subject").kind()).isEqualTo(StickyKey.Kind.SUBJECT);
        assertThat(StickyKey.parse("client-address").kind()).isEqualTo(StickyKey.Kind.CLIENT_ADDRESS);
        StickyKey header = StickyKey.parse("header:X-Client-Id");
        assertThat(header.kind()).isEqualTo(StickyKey.Kind.HEADER);
        assertThat(header.header()).contains(HeaderNames.create("X-Client-Id"));
        assertThatThrownBy(() -> StickyKey.parse("header:")).isInstanceOf(InvalidRouteModeException.class);
        assertThatThrownBy(() -> StickyKey.parse("cookie")).isInstanceOf(InvalidRouteModeException.class);
    }

    @Test
    void addressesAreKeyedByIp() throws Exception {
        assertThat(StickyKey.address(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 5555)))
                .isEqualTo("10.1.2.3");
        assertThat(StickyKey.address(InetSocketAddress.createUnresolved("host", 1)))
                .contains("host");
    }
}
