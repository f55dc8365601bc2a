package com.mirogateway.plugins.legacyproxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mirogateway.platform.testkit.TestGateway;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request targets that try to make the proxy call another host or escape {@code /api}, sent over a raw socket because
 * an HTTP client would normalise them. A second server plays the host an attacker wants reached; it must never see a
 * request, and neither may the legacy service.
 */
class HostCoercionTest {
    private static final AtomicInteger EVIL_HITS = new AtomicInteger();
    private static final HttpServer EVIL = startEvil();

    @RegisterExtension
    static TestGateway gateway =
            TestGateway.builder().reactorPlugin(Path.of(".")).legacyStub().build();

    private static HttpServer startEvil() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                EVIL_HITS.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopEvil() {
        EVIL.stop(0);
    }

    private static WireMockServer legacy() {
        return gateway.legacy().orElseThrow();
    }

    private static String evilAuthority() {
        return "127.0.0.1:" + EVIL.getAddress().getPort();
    }

    @BeforeEach
    void reset() {
        EVIL_HITS.set(0);
        legacy().resetAll();
        legacy().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("legacy")));
    }

    private static RawHttp.Response send(String target, String... headers) {
        return RawHttp.send(gateway.gateway().port(), "GET " + target + " HTTP/1.1", List.of(headers), new byte[0]);
    }

    private static void assertNothingForwarded() {
        assertThat(EVIL_HITS).hasValue(0);
        assertThat(legacy().getAllServeEvents()).isEmpty();
    }

    @Test
    void absoluteFormTargetIsRejected() {
        RawHttp.Response response = send("http://" + evilAuthority() + "/api/boards");

        assertThat(response.status()).isEqualTo(400);
        assertNothingForwarded();
    }

    @Test
    void absoluteFormTargetNamingTheGatewayItselfIsRejectedToo() {
        RawHttp.Response response = send("http://127.0.0.1:" + gateway.gateway().port() + "/api/boards");

        assertThat(response.status()).isEqualTo(400);
        assertNothingForwarded();
    }

    @ParameterizedTest
    @ValueSource(strings = {"//EVIL/api/boards", "//EVIL", "///EVIL/api/boards", "//api/boards"})
    void authorityLikePathsAreRejected(String target) {
        RawHttp.Response response = send(target.replace("EVIL", evilAuthority()));

        assertThat(response.status()).isIn(400, 404);
        assertNothingForwarded();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/boards/../../x",
                "/api/boards/../items",
                "/api/boards/%2e%2e/x",
                "/api/boards/%2E%2E/x",
                "/api/boards/.%2e/x",
                "/api/boards/%2e./x",
                "/api/boards/./x",
                "/api/boards/%2e/x",
                "/api/boards/%252e%252e/x",
                "/api/boards/a%2f..%2fx",
                "/api/boards/a%2F%2e%2e%2Fx",
                "/api/boards/..;/x",
                "/api/boards/%2e%2e;v=1/x",
                "/api/boards/a%5c..%5cx",
                "/api/boards/..",
                "/api/%2e%2e"
            })
    void dotSegmentsInAnySpellingAreRejected(String target) {
        RawHttp.Response response = send(target);

        assertThat(response.status()).isIn(400, 404);
        assertNothingForwarded();
    }

    @Test
    void dotSegmentThatStaysInsideApiIsAProblemResponse() {
        RawHttp.Response response = send("/api/boards/%2e%2e/items");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("urn:miro-gateway:problem:request-target-rejected");
        assertNothingForwarded();
    }

    @Test
    void hostHeaderCannotRedirectTheProxy() {
        RawHttp.Response response = RawHttp.send(
                gateway.gateway().port(),
                "GET /api/boards HTTP/1.1",
                List.of("X-Forwarded-Host: " + evilAuthority(), "Forwarded: host=" + evilAuthority()),
                new byte[0]);

        assertThat(response.status()).isEqualTo(200);
        assertThat(EVIL_HITS).hasValue(0);
        assertThat(legacy().getAllServeEvents()).hasSize(1);
    }

    @Test
    void dotsInsideSegmentNamesAreFine() {
        RawHttp.Response response = send("/api/files/v1.2..final/.hidden-not/a.b");

        assertThat(response.status()).isEqualTo(200);
        assertThat(legacy().getAllServeEvents()).hasSize(1);
        assertThat(legacy().getAllServeEvents().get(0).getRequest().getUrl())
                .isEqualTo("/api/files/v1.2..final/.hidden-not/a.b");
    }
}
