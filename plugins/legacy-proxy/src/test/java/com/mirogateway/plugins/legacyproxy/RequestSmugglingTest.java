package com.mirogateway.plugins.legacyproxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mirogateway.platform.testkit.TestGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests whose framing two HTTP parsers could read differently (request smuggling, RFC 9112 §6.3 and §11.2), sent
 * over a raw socket because an HTTP client would never write them. Each must be refused with a 400 before anything
 * reaches the legacy service, so the proxy and the service behind it can never disagree on where a request ends.
 *
 * <p>A malformed header block (folding, a bare LF) is answered 431 "too large or malformed": Helidon refuses it with
 * the same event as an oversized one and does not say which (see {@code ProblemDirectHandler}).
 */
class RequestSmugglingTest {
    private static final String SMUGGLED = "GET /api/smuggled HTTP/1.1\r\nHost: legacy\r\n\r\n";

    @RegisterExtension
    static TestGateway gateway =
            TestGateway.builder().reactorPlugin(Path.of(".")).legacyStub().build();

    private static WireMockServer legacy() {
        return gateway.legacy().orElseThrow();
    }

    @BeforeEach
    void reset() {
        legacy().resetAll();
        legacy().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("legacy")));
    }

    private static RawHttp.Response post(List<String> headers, String body) {
        return RawHttp.send(
                gateway.gateway().port(),
                "POST /api/orders HTTP/1.1",
                headers,
                body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void assertRefusedBeforeLegacy(RawHttp.Response response) {
        assertRefusedBeforeLegacy(response, 400);
    }

    private static void assertRefusedBeforeLegacy(RawHttp.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValue("application/problem+json");
        assertThat(legacy().getAllServeEvents()).isEmpty();
    }

    @Test
    void contentLengthWithTransferEncodingIsRefused() {
        String chunkedBody = "0\r\n\r\n" + SMUGGLED;
        RawHttp.Response response =
                post(List.of("Content-Length: " + chunkedBody.length(), "Transfer-Encoding: chunked"), chunkedBody);

        assertRefusedBeforeLegacy(response);
    }

    @Test
    void twoDifferentContentLengthsAreRefused() {
        RawHttp.Response response = post(List.of("Content-Length: 5", "Content-Length: 48"), "hello" + SMUGGLED);

        assertRefusedBeforeLegacy(response);
    }

    @Test
    void obsoleteLineFoldingIsRefused() {
        RawHttp.Response response =
                post(List.of("X-Note: first line", " continued on a folded line", "Content-Length: 5"), "hello");

        assertRefusedBeforeLegacy(response, 431);
    }

    @Test
    void bareLineFeedInTheHeaderBlockIsRefused() {
        RawHttp.Response response = post(List.of("X-Note: a\nContent-Length: 5"), "hello");

        assertRefusedBeforeLegacy(response, 431);
    }

    @Test
    void chunkSizeOverflowIsRefused() {
        String body = "10000000000000005\r\nhello\r\n0\r\n\r\n";
        RawHttp.Response response = post(List.of("Transfer-Encoding: chunked"), body);

        assertRefusedBeforeLegacy(response);
    }

    @Test
    void wellFormedChunkedBodyStillReachesLegacy() {
        RawHttp.Response response = post(List.of("Transfer-Encoding: chunked"), "5\r\nhello\r\n0\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(legacy().getAllServeEvents()).hasSize(1);
        assertThat(legacy().getAllServeEvents().get(0).getRequest().getBodyAsString())
                .isEqualTo("hello");
    }
}
