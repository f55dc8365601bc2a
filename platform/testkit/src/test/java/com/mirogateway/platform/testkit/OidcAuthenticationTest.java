package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.plugins.SecuredApiPlugin;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bearer authentication against a real OIDC provider (mock-oauth2-server) started for the test. */
class OidcAuthenticationTest {
    static final Oidc IDP = Oidc.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("secured").classes(SecuredApiPlugin.class))
            .config("security.enabled", "true")
            .config("security.issuer", IDP.issuer())
            .config("security.audience", Oidc.AUDIENCE)
            .config("security.fetch-timeout", "PT30S") // a loaded CI machine answers slowly
            .config("security.jwks-refresh-min-interval", "PT1S")
            .config("security.console.client-id", "ops-console")
            .build();

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    @Test
    void tokenIssuedByTheProviderPassesAndNamesTheCaller() {
        String token = IDP.server
                .issueToken(
                        Oidc.ISSUER_ID,
                        "node-client",
                        new DefaultOAuth2TokenCallback(
                                Oidc.ISSUER_ID,
                                "alice",
                                "JWT",
                                List.of(Oidc.AUDIENCE),
                                Map.of("roles", List.of("reader")),
                                3600))
                .serialize();

        HttpResponse<String> response = get("/api/whoami", token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var json = Json.parse(response.body());
        assertThat(json.path("subject").asText()).isEqualTo("alice");
        assertThat(json.path("clientId").asText()).isEqualTo("node-client");
        assertThat(json.path("roles").toString()).isEqualTo("[\"reader\"]");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void miroCompatibleSurfaceNeedsATokenToo() {
        assertThat(get("/v2/boards", null).statusCode()).isEqualTo(401);
        assertThat(get("/v2/boards", goodToken("bob", List.of())).statusCode()).isEqualTo(200);
    }

    @Test
    void handlerCacheControlIsKept() {
        HttpResponse<String> response = get("/api/cached", goodToken("bob", List.of()));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, max-age=60");
    }

    @Test
    void missingTokenIsAChallengeWithoutError() {
        HttpResponse<String> response = get("/api/whoami", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"miro-gateway\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Json.parse(response.body()).path("type").asText())
                .isEqualTo("urn:miro-gateway:problem:unauthorized");
    }

    @Test
    void otherSchemeIsTreatedAsNoToken() {
        HttpResponse<String> response = send("/api/whoami", "Basic YWxpY2U6c2VjcmV0");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"miro-gateway\"");
    }

    @Test
    void malformedAuthorizationHeaderIsABadRequest() {
        for (String header : List.of("Bearer", "Bearer   ", "Bearer two parts")) {
            HttpResponse<String> response = send("/api/whoami", header);
            assertThat(response.statusCode()).as(header).isEqualTo(400);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .contains("error=\"invalid_request\"");
        }
    }

    @Test
    void garbageTokenIsInvalid() {
        assertRejected("not-a-jwt", "not a well-formed JWT");
    }

    @Test
    void expiredTokenIsRejected() {
        Instant past = Instant.now().minus(Duration.ofMinutes(30));
        assertRejected(
                IDP.sign(claims("mallory")
                        .issueTime(Date.from(past.minusSeconds(600)))
                        .expirationTime(Date.from(past))
                        .build()),
                "expired");
    }

    @Test
    void notYetValidTokenIsRejected() {
        assertRejected(
                IDP.sign(claims("mallory")
                        .notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                        .build()),
                "not valid yet");
    }

    @Test
    void tokenWithoutExpiryIsRejected() {
        assertRejected(IDP.sign(claims("mallory").expirationTime(null).build()), "no expiry");
    }

    @Test
    void wrongIssuerIsRejected() {
        assertRejected(
                IDP.sign(claims("mallory")
                        .issuer("https://evil.example.com/default")
                        .build()),
                "another issuer");
    }

    @Test
    void wrongAudienceIsRejected() {
        assertRejected(IDP.sign(claims("mallory").audience("some-other-api").build()), "not meant for this gateway");
    }

    @Test
    void badSignatureIsRejected() throws JOSEException {
        RSAKey forger = new RSAKeyGenerator(2048).generate();
        assertRejected(Oidc.sign(forger, Oidc.ISSUER_ID, claims("mallory").build()), "signature is invalid");
    }

    @Test
    void unsignedTokenIsRejected() {
        assertRejected(new PlainJWT(claims("mallory").build()).serialize(), "alg none");
    }

    @Test
    void hs256SignedWithThePublicKeyIsRejected() throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(Oidc.ISSUER_ID).build(),
                claims("mallory").build());
        jwt.sign(new MACSigner(IDP.key.toRSAPublicKey().getEncoded()));
        assertRejected(jwt.serialize(), "algorithm");
    }

    @Test
    void tokenOfASecondIssuerIsRejected() {
        String token = IDP.server
                .issueToken(
                        "second",
                        "node-client",
                        new DefaultOAuth2TokenCallback(
                                "second", "eve", "JWT", List.of(Oidc.AUDIENCE), Map.of("roles", List.of("ops")), 3600))
                .serialize();
        assertRejected(token, "another issuer");
    }

    @Test
    void adminNeedsTheOpsRole() {
        HttpResponse<String> without = get("/admin/plugins", goodToken("bob", List.of("reader")));
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"");
        assertThat(Json.parse(without.body()).path("type").asText()).isEqualTo("urn:miro-gateway:problem:forbidden");

        assertThat(get("/admin/plugins", null).statusCode()).isEqualTo(401);

        HttpResponse<String> with = get("/admin/plugins", goodToken("olga", List.of("ops")));
        assertThat(with.statusCode()).as(with.body()).isEqualTo(200);
        assertThat(with.body()).contains("\"secured\"");
    }

    @Test
    void viewerRoleReadsTheOpsApiButChangesNothing() {
        String viewer = goodToken("vera", List.of("ops-viewer"));

        HttpResponse<String> read = get("/admin/plugins", viewer);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(get("/admin/routes", viewer).statusCode()).isEqualTo(200);
        for (String[] change : new String[][] {
            {"POST", "/admin/plugins/secured/disable"},
            {"DELETE", "/admin/jobs?state=dead"},
            {"PUT", "/admin/routes/x/mode"}
        }) {
            HttpResponse<String> denied = send(change[0], change[1], "Bearer " + viewer);
            assertThat(denied.statusCode()).as(change[0] + " " + change[1]).isEqualTo(403);
            assertThat(Json.parse(denied.body()).path("detail").asText())
                    .isEqualTo("Changes through the ops API need the 'ops' role; 'ops-viewer' may only read");
        }
        assertThat(Json.plugin(get("/admin/plugins", viewer).body(), "secured")
                        .path("state")
                        .asText())
                .isEqualTo("STARTED");
    }

    @Test
    void consoleSettingsArePublicAndNameTheIssuerAndClient() {
        HttpResponse<String> response = get("/console/config.json", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var json = Json.parse(response.body());
        assertThat(json.path("signIn").asBoolean()).isTrue();
        assertThat(json.path("issuer").asText()).isEqualTo(IDP.issuer());
        assertThat(json.path("clientId").asText()).isEqualTo("ops-console");
        assertThat(json.path("scope").asText()).isEqualTo("openid");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("connect-src 'self' " + IDP.issuer().replaceAll("^(https?://[^/]+).*$", "$1"));
    }

    @Test
    void publicPathsNeedNoToken() {
        assertThat(get("/observe/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/observe/metrics", null).statusCode()).isEqualTo(200);
        assertThat(get("/webhooks/miro", null).statusCode())
                .as("not public by default: plugins declare their public routes")
                .isEqualTo(401);
        assertThat(get("/observe/health", null).headers().firstValue("X-Content-Type-Options"))
                .hasValue("nosniff");
    }

    @Test
    void aPluginsPublicClaimNeedsNoTokenButOnlyThatMethodAndTemplate() {
        HttpResponse<String> hook = withoutToken("POST", "/hooks/s3cr3t");
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(200);
        assertThat(Json.parse(hook.body()).path("subject").asText()).isEqualTo("anonymous");

        assertThat(get("/hooks/s3cr3t", null).statusCode()).as("another method").isEqualTo(401);
        assertThat(withoutToken("POST", "/hooks/s3cr3t/private").statusCode())
                .as("a longer path under it")
                .isEqualTo(401);
        assertThat(withoutToken("POST", "/hooks/../api/notes").statusCode()).isEqualTo(401);
    }

    @Test
    void publicRoutesAreMarkedInTheOpsRouteList() {
        HttpResponse<String> response = get("/admin/routes", goodToken("olga", List.of("ops")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var routes = Json.parse(response.body());
        assertThat(routes.findValuesAsText("id")).contains("POST:/hooks/{hookSecret}", "GET:/api/whoami");
        for (var route : routes) {
            assertThat(route.path("public").asBoolean())
                    .as(route.path("id").asText())
                    .isEqualTo(route.path("id").asText().equals("POST:/hooks/{hookSecret}"));
        }
    }

    @Test
    void pathsOutsideThePublicPrefixesNeedATokenByDefault() {
        assertThat(get("/anything-else", null).statusCode()).isEqualTo(401);
        assertThat(get("/observe/healthy", null).statusCode()).isEqualTo(401);
    }

    @Test
    void subjectAndClientIdAreInTheLogLinesAndTheTokenIsNot() {
        String token = goodToken("logged-user", List.of());
        List<String> lines = LogLines.during(() -> {
            get("/api/whoami", token);
            get("/api/whoami", token.substring(0, token.length() - 4) + "AAAA");
        });
        String line = lines.stream()
                .filter(l -> l.contains("whoami served"))
                .findFirst()
                .orElseThrow();
        var json = Json.parse(line);
        assertThat(json.path("subject").asText()).isEqualTo("logged-user");
        assertThat(json.path("clientId").asText()).isEqualTo("node-client");
        assertThat(lines).noneMatch(l -> l.contains(token.substring(token.lastIndexOf('.') + 1)));
    }

    private static void assertRejected(String token, String reason) {
        HttpResponse<String> response = get("/api/whoami", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).startsWith("Bearer realm=\"miro-gateway\", error=\"invalid_token\"");
        var problem = Json.parse(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:miro-gateway:problem:invalid-token");
        assertThat(problem.path("detail").asText()).contains(reason);
        assertThat(response.body()).doesNotContain(token);
        for (String part : token.split("\\.")) {
            if (part.length() > 8) {
                assertThat(response.body()).doesNotContain(part);
            }
        }
    }

    static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(IDP.issuer())
                .audience(Oidc.AUDIENCE)
                .subject(subject)
                .claim("azp", "node-client")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    static String goodToken(String subject, List<String> roles) {
        return IDP.sign(claims(subject).claim("roles", roles).build());
    }

    static HttpResponse<String> get(String path, String token) {
        return send(path, token == null ? null : "Bearer " + token);
    }

    /** A request without a token and with an empty body. */
    static HttpResponse<String> withoutToken(String method, String path) {
        return Http.send(HttpRequest.newBuilder(gateway.uri(path))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    static HttpResponse<String> send(String path, String authorization) {
        return send("GET", path, authorization);
    }

    static HttpResponse<String> send(String method, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request.build());
    }
}
