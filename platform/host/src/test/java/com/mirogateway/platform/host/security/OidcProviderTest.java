package com.mirogateway.platform.host.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OidcProviderTest {
    private final FakeProvider idp = new FakeProvider();
    private final MutableClock clock = new MutableClock();
    private final OidcProvider provider =
            new OidcProvider(FakeProvider.ISSUER, idp, clock, Duration.ofMinutes(10), Duration.ofSeconds(30));

    private static JWSHeader header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
    }

    @Test
    void discoversLazilyAndCachesTheKeys() {
        assertThat(idp.discoveryFetches).hasValue(0);
        assertThat(provider.keysFor(header("k1"))).hasSize(1);
        assertThat(provider.keysFor(header("k1"))).hasSize(1);
        assertThat(idp.discoveryFetches).hasValue(1);
        assertThat(idp.keyFetches).hasValue(1);
    }

    @Test
    void acceptsOnlyAdvertisedAsymmetricAlgorithms() {
        assertThat(provider.accepted()).containsExactly(JWSAlgorithm.RS256);
    }

    @Test
    void withoutAdvertisedAlgorithmsUsesTheKeysAlgorithmsElseRs256() {
        idp.discovery = FakeProvider.discovery(FakeProvider.ISSUER, null);
        assertThat(provider.accepted()).containsExactly(JWSAlgorithm.RS256);

        FakeProvider withAlgs = new FakeProvider();
        withAlgs.discovery = FakeProvider.discovery(FakeProvider.ISSUER, "[]");
        withAlgs.keys = List.of(new RSAKey.Builder(FakeProvider.newKey("p1"))
                .algorithm(JWSAlgorithm.PS256)
                .build());
        OidcProvider other =
                new OidcProvider(FakeProvider.ISSUER, withAlgs, clock, Duration.ofMinutes(10), Duration.ZERO);
        assertThat(other.accepted()).containsExactly(JWSAlgorithm.PS256);
    }

    @Test
    void unknownKidRefetchesTheKeySetAtMostOncePerInterval() {
        provider.keysFor(header("k1"));
        idp.keys = List.of(idp.keys.getFirst(), FakeProvider.newKey("k2"));

        assertThat(provider.keysFor(header("k2")))
                .as("too soon after the first fetch")
                .isEmpty();
        assertThat(idp.keyFetches).hasValue(1);

        clock.advance(Duration.ofSeconds(31));
        assertThat(provider.keysFor(header("k2"))).hasSize(1);
        assertThat(idp.keyFetches).hasValue(2);

        assertThat(provider.keysFor(header("forged"))).isEmpty();
        assertThat(provider.keysFor(header("forged-again"))).isEmpty();
        assertThat(idp.keyFetches)
                .as("forged kids cannot make it hammer the provider")
                .hasValue(2);
    }

    @Test
    void expiredKeySetIsFetchedAgainAndKeptWhenTheProviderIsDown() {
        provider.keysFor(header("k1"));
        clock.advance(Duration.ofMinutes(11));
        idp.down = true;

        assertThat(provider.keysFor(header("k1"))).as("stale keys stay in use").hasSize(1);

        idp.down = false;
        clock.advance(Duration.ofSeconds(31));
        assertThat(provider.keysFor(header("k1"))).hasSize(1);
        assertThat(idp.keyFetches).hasValue(2);
    }

    @Test
    void unreachableProviderIsUnavailableAndRetriedLater() {
        idp.down = true;
        assertThatThrownBy(() -> provider.keysFor(header("k1"))).isInstanceOf(ProviderUnavailableException.class);
        idp.down = false;
        assertThatThrownBy(() -> provider.keysFor(header("k1")))
                .as("no retry within the interval")
                .isInstanceOf(ProviderUnavailableException.class);
        clock.advance(Duration.ofSeconds(31));
        assertThat(provider.keysFor(header("k1"))).hasSize(1);
    }

    @Test
    void keySetFailureWithoutCachedKeysIsUnavailable() {
        provider.accepted(); // discovery only
        idp.down = true;
        assertThatThrownBy(() -> provider.keysFor(header("k1"))).isInstanceOf(ProviderUnavailableException.class);
        idp.down = false;
        assertThatThrownBy(() -> provider.keysFor(header("k1"))).hasMessageContaining("failed recently");
    }

    @Test
    void discoveryNamingAnotherIssuerIsRefused() {
        idp.discovery = FakeProvider.discovery("https://other.example.com", "[\"RS256\"]");
        assertThatThrownBy(provider::accepted)
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("must match exactly");
    }

    @Test
    void discoveryWithoutJwksUriIsRefused() {
        idp.discovery = "{\"issuer\":\"" + FakeProvider.ISSUER + "\"}";
        assertThatThrownBy(provider::accepted).hasMessageContaining("no jwks_uri");
    }

    @Test
    void warmUpNeverThrows() {
        idp.down = true;
        provider.warmUp();
        idp.down = false;
        clock.advance(Duration.ofMinutes(1));
        provider.warmUp();
        assertThat(idp.keyFetches).hasValue(1);
    }
}
