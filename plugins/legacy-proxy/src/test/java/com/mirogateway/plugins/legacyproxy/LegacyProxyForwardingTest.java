package com.mirogateway.plugins.legacyproxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyProxyForwardingTest {
    @RegisterExtension
    static TestGateway gateway =
            TestGateway.builder().reactorPlugin(Path.of(".")).legacyStub().build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static WireMockServer legacy() {
        return gateway.legacy().orElseThrow();
    }

    private static int port() {
        return gateway.gateway().port();
    }

    private static LoggedRequest onlyRequestReceived() {
        List<LoggedRequest> requests =
                legacy().findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    @BeforeEach
    void resetLegacy() {
        legacy().resetAll();
        legacy().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("legacy")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "DELETE", "OPTIONS", "PUT", "PATCH", "POST"})
    void forwardsMethodPathAndQueryExactly(String method) {
        RawHttp.Response response = RawHttp.send(
                port(),
                method + " /api/boards/b1/items?limit=10&cursor=abc HTTP/1.1",
                List.of("Content-Length: 0"),
                new byte[0]);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("legacy");
        LoggedRequest received = onlyRequestReceived();
        assertThat(received.getMethod().value()).isEqualTo(method);
        assertThat(received.getUrl()).isEqualTo("/api/boards/b1/items?limit=10&cursor=abc");
    }

    @Test
    void encodedCharactersReachLegacyUntouched() {
        String target = "/api/files/a%2Fb/%7Euser%20name/caf%C3%A9/x+y?q=a%20b+c&q=%26&empty=&flag&Z=%2f";

        RawHttp.Response response = RawHttp.get(port(), target);

        assertThat(response.status()).isEqualTo(200);
        assertThat(onlyRequestReceived().getUrl()).isEqualTo(target);
    }

    @Test
    void dropsHopByHopHeadersAndAddsForwardingHeaders() {
        RawHttp.Response response = RawHttp.send(
                port(),
                "GET /api/me HTTP/1.1",
                List.of(
                        "Connection: close, X-Hop-Secret",
                        "X-Hop-Secret: do-not-forward",
                        "Keep-Alive: timeout=5",
                        "Proxy-Authorization: Basic c2VjcmV0",
                        "TE: trailers",
                        "Authorization: Bearer end-to-end",
                        "Cookie: session=abc",
                        "X-Custom: kept",
                        "Accept: application/json",
                        "X-Forwarded-For: 203.0.113.7",
                        "X-Forwarded-Proto: https",
                        "X-Request-Id: req-123"),
                new byte[0]);

        assertThat(response.status()).isEqualTo(200);
        LoggedRequest received = onlyRequestReceived();
        assertThat(received.containsHeader("X-Hop-Secret")).isFalse();
        assertThat(received.containsHeader("Keep-Alive")).isFalse();
        assertThat(received.containsHeader("Proxy-Authorization")).isFalse();
        assertThat(received.containsHeader("TE")).isFalse();
        assertThat(received.getHeader("Authorization")).isEqualTo("Bearer end-to-end");
        assertThat(received.getHeader("Cookie")).isEqualTo("session=abc");
        assertThat(received.getHeader("X-Custom")).isEqualTo("kept");
        assertThat(received.getHeader("Accept")).isEqualTo("application/json");
        assertThat(received.getHeader("Host"))
                .isEqualTo(URI.create(legacy().baseUrl()).getAuthority());
        assertThat(received.getHeader("X-Forwarded-For")).isEqualTo("203.0.113.7, 127.0.0.1");
        assertThat(received.getHeader("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.getHeader("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + port());
        assertThat(received.getHeader("X-Request-Id")).isEqualTo("req-123");
        assertThat(response.header("X-Request-Id")).contains("req-123");
    }

    @Test
    void sendsTheGeneratedCorrelationIdUpstream() {
        RawHttp.Response response = RawHttp.get(port(), "/api/anything");

        String id = response.header("X-Request-Id").orElseThrow();
        assertThat(onlyRequestReceived().getHeader("X-Request-Id")).isEqualTo(id);
        assertThat(onlyRequestReceived().getHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
    }

    @Test
    void relaysStatusHeadersAndBodyUnchanged() {
        legacy().stubFor(get(urlEqualTo("/api/widgets"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/vnd.legacy+json; charset=utf-8")
                        .withHeader("ETag", "\"v42\"")
                        .withHeader("Set-Cookie", "a=1; Path=/", "b=2; Path=/; HttpOnly")
                        .withHeader("X-Legacy", "yes")
                        .withHeader("X-Request-Id", "legacy-made-this-up")
                        .withHeader("Connection", "X-Legacy-Hop")
                        .withHeader("X-Legacy-Hop", "hop")
                        .withHeader("Keep-Alive", "timeout=5")
                        .withBody("{\"id\":\"w1\",\"name\":\"caf\u00e9\"}")));

        RawHttp.Response response = RawHttp.get(port(), "/api/widgets", "X-Request-Id: mine-1");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Content-Type")).contains("application/vnd.legacy+json; charset=utf-8");
        assertThat(response.header("ETag")).contains("\"v42\"");
        assertThat(response.headers("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; Path=/; HttpOnly");
        assertThat(response.header("X-Legacy")).contains("yes");
        assertThat(response.header("X-Request-Id")).contains("mine-1");
        assertThat(response.header("X-Legacy-Hop")).isEmpty();
        assertThat(response.header("Keep-Alive")).isEmpty();
        assertThat(response.header("Content-Length"))
                .contains(String.valueOf(
                        "{\"id\":\"w1\",\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8).length));
        assertThat(response.body()).isEqualTo("{\"id\":\"w1\",\"name\":\"caf\u00e9\"}");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 409, 500, 503})
    void relaysLegacyErrorsUnchanged(int status) throws Exception {
        legacy().stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"legacy says " + status + "\"}")));

        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(gateway.uri("/api/orders/7")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":\"legacy says " + status + "\"}");
    }

    @Test
    void forwardsPostBody() throws Exception {
        String json = "{\"title\":\"A board\",\"tags\":[\"x\",\"y\"]}";

        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(gateway.uri("/api/boards"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedRequest received = onlyRequestReceived();
        assertThat(received.getMethod().value()).isEqualTo("POST");
        assertThat(received.getBodyAsString()).isEqualTo(json);
        assertThat(received.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(received.getHeader("Content-Length")).isEqualTo(String.valueOf(json.length()));
    }

    @Test
    void forwardsChunkedRequestBody() {
        String chunked = "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n";

        RawHttp.Response response = RawHttp.send(
                port(),
                "PUT /api/notes/1 HTTP/1.1",
                List.of("Transfer-Encoding: chunked", "Content-Type: text/plain"),
                chunked.getBytes(StandardCharsets.US_ASCII));

        assertThat(response.status()).isEqualTo(200);
        LoggedRequest received = onlyRequestReceived();
        assertThat(received.getBodyAsString()).isEqualTo("hello, world");
    }

    @Test
    void keepsContentLengthOfLargeResponses() throws Exception {
        byte[] big = new byte[300 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        legacy().stubFor(get(urlEqualTo("/api/export"))
                .willReturn(aResponse()
                        .withHeader("Content-Length", String.valueOf(big.length))
                        .withBody(big)));

        HttpResponse<byte[]> response = HTTP.send(
                HttpRequest.newBuilder(gateway.uri("/api/export")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).contains(String.valueOf(big.length));
        assertThat(response.body()).isEqualTo(big);
    }

    @Test
    void headRequestGetsLegacyHeadersWithoutBody() {
        legacy().stubFor(com.github.tomakehurst.wiremock.client.WireMock.head(urlEqualTo("/api/files/1"))
                .willReturn(aResponse().withHeader("Content-Length", "1234").withHeader("X-Legacy", "head")));

        RawHttp.Response response = RawHttp.send(port(), "HEAD /api/files/1 HTTP/1.1", List.of(), new byte[0]);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Legacy")).contains("head");
        assertThat(response.header("Content-Length")).contains("1234");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void redirectsAreRelayedNotFollowed() throws Exception {
        legacy().stubFor(get(urlEqualTo("/api/old"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "http://elsewhere.example/new")));

        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(gateway.uri("/api/old")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains("http://elsewhere.example/new");
        assertThat(legacy().getAllServeEvents()).hasSize(1);
    }

    @Test
    void noContentAndNotModifiedHaveNoBody() throws Exception {
        legacy().stubFor(get(urlEqualTo("/api/empty")).willReturn(aResponse().withStatus(204)));
        legacy().stubFor(get(urlEqualTo("/api/cached"))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));

        HttpResponse<String> empty = HTTP.send(
                HttpRequest.newBuilder(gateway.uri("/api/empty")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> cached = HTTP.send(
                HttpRequest.newBuilder(gateway.uri("/api/cached"))
                        .header("If-None-Match", "\"v1\"")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(empty.statusCode()).isEqualTo(204);
        assertThat(empty.body()).isEmpty();
        assertThat(cached.statusCode()).isEqualTo(304);
        assertThat(cached.headers().firstValue("ETag")).contains("\"v1\"");
        assertThat(onlyRequestOf("/api/cached").getHeader("If-None-Match")).isEqualTo("\"v1\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "CONNECT"})
    void traceAndConnectAreNotForwarded(String method) {
        RawHttp.Response response = RawHttp.send(port(), method + " /api/x HTTP/1.1", List.of(), new byte[0]);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).contains("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        assertThat(response.body()).contains("urn:miro-gateway:problem:method-not-allowed");
        assertThat(legacy().getAllServeEvents()).isEmpty();
    }

    @Test
    void legacyPathOutsideApiIsNotProxied() {
        RawHttp.Response response = RawHttp.get(port(), "/apiary/x");

        assertThat(response.status()).isEqualTo(404);
        assertThat(legacy().getAllServeEvents()).isEmpty();
    }

    private static LoggedRequest onlyRequestOf(String url) {
        List<LoggedRequest> requests =
                legacy().findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(urlEqualTo(url)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
