package com.mirogateway.platform.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The testkit's small helpers: {@link TestHttp} and {@link TestPostgres}. */
class TestHelpersTest {
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"method\":\"{{request.method}}\",\"body\":\"{{request.body}}\"}")
                        .withTransformers("response-template")));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void testHttpSendsEachMethodAndParsesJson() {
        URI uri = URI.create(server.baseUrl() + "/x");

        assertThat(TestHttp.json(TestHttp.get(uri)).path("method").asText()).isEqualTo("GET");
        HttpResponse<String> posted = TestHttp.post(uri, "{}");
        assertThat(TestHttp.json(posted).path("method").asText()).isEqualTo("POST");
        assertThat(server.getAllServeEvents().getFirst().getRequest().getHeader("Content-Type"))
                .isEqualTo("application/json");
        assertThat(TestHttp.json(TestHttp.delete(uri)).path("method").asText()).isEqualTo("DELETE");
    }

    @Test
    void testHttpFailuresAreUnchecked() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> TestHttp.get(URI.create("http://127.0.0.1:" + closedPort + "/")))
                .isInstanceOf(UncheckedIOException.class);
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/text")
                .willReturn(aResponse().withBody("not json")));
        HttpResponse<String> text = TestHttp.get(URI.create(server.baseUrl() + "/text"));
        assertThatThrownBy(() -> TestHttp.json(text)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void testPostgresCreatesAFreshDatabaseAndDropsIt() throws SQLException {
        String url;
        try (TestPostgres database = TestPostgres.create()) {
            url = database.url();
            assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:5432/gw_test_");
            try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, "postgres", "").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("does not exist");
    }
}
