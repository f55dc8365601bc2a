package com.mirogateway.plugins.legacyproxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mirogateway.platform.testkit.TestGateway;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A legacy base URL with a (percent-encoded) path: request paths are appended to it, both byte for byte. */
class LegacyBasePathTest {
    private static final WireMockServer LEGACY = startLegacy();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("legacy.base-url", LEGACY.baseUrl() + "/legacy%20app/v1/")
            .build();

    private static WireMockServer startLegacy() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @AfterAll
    static void stopLegacy() {
        LEGACY.stop();
    }

    @BeforeEach
    void reset() {
        LEGACY.resetAll();
        LEGACY.stubFor(any(anyUrl()).willReturn(aResponse().withBody("legacy")));
    }

    @Test
    void requestPathIsAppendedToTheBasePath() {
        RawHttp.Response response = RawHttp.get(gateway.gateway().port(), "/api/boards/a%2Fb/items?q=x%20y&q=2");

        assertThat(response.status()).isEqualTo(200);
        assertThat(LEGACY.getAllServeEvents()).hasSize(1);
        assertThat(LEGACY.getAllServeEvents().get(0).getRequest().getUrl())
                .isEqualTo("/legacy%20app/v1/api/boards/a%2Fb/items?q=x%20y&q=2");
    }

    @Test
    void prefixOnItsOwnIsForwarded() {
        RawHttp.Response response = RawHttp.get(gateway.gateway().port(), "/api");

        assertThat(response.status()).isEqualTo(200);
        assertThat(LEGACY.getAllServeEvents().get(0).getRequest().getUrl()).isEqualTo("/legacy%20app/v1/api");
    }
}
