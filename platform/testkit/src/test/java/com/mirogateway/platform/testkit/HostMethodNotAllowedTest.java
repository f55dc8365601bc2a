package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A path the host serves itself, asked with a method it does not serve, is a 405 problem with {@code Allow}, the same
 * answer a plugin's claimed path gives; before, host paths said 404 and {@code /api/jobs/{id}} went to legacy.
 */
class HostMethodNotAllowedTest {
    static TestGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        gateway = TestGateway.builder()
                .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
                .build();
        Path staticDir = gateway.home().resolve("static");
        Files.createDirectories(staticDir);
        Files.writeString(staticDir.resolve("index.html"), "<p>hi</p>");
        gateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "PUT,    /admin/plugins,                   GET",
        "DELETE, /admin/plugins,                   GET",
        "GET,    /admin/plugins/fake-legacy/enable, POST",
        "PATCH,  /admin/plugins/fake-legacy/disable, POST",
        "POST,   /admin/plugins/fake-legacy/route-mode, 'DELETE, GET, PUT'",
        "POST,   /admin/routes,                    GET",
        "PUT,    /admin/jobs,                      'DELETE, GET'",
        "GET,    /admin/jobs/17/retry,             POST",
        "POST,   /admin/jobs/17,                   DELETE",
        "PUT,    /api/jobs/17,                     GET",
        "DELETE, /api/jobs/17,                     GET",
        "PUT,    /static/index.html,               'GET, HEAD'",
        "POST,   /static/any/file.js,              'GET, HEAD'"
    })
    void aHostPathAskedWithAnotherMethodIsMethodNotAllowed(String method, String path, String allow) {
        HttpResponse<String> response = send(method, path);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue(allow);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Json.parse(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:miro-gateway:problem:method-not-allowed");
        assertThat(problem.path("status").asInt()).isEqualTo(405);
        assertThat(problem.path("instance").asText()).isEqualTo(path);
        assertThat(problem.path("requestId").asText()).isNotEmpty();
        assertThat(problem.path("detail").asText()).contains(method);
    }

    @Test
    void hostPathsKeepTheirOwnMethodsAndUnknownOnesStayNotFound() {
        assertThat(send("GET", "/admin/plugins").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/static/index.html").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/jobs/not-a-job").statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/admin/nothing-here").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/static/missing.js").statusCode()).isEqualTo(404);
        HttpResponse<String> legacy = send("PUT", "/api/jobs");
        assertThat(legacy.body())
                .as("a path no host route serves still falls back")
                .isEqualTo("legacy PUT /api/jobs");
    }

    private static HttpResponse<String> send(String method, String path) {
        return Http.send(HttpRequest.newBuilder(gateway.uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }
}
