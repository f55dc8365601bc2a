package com.mirogateway.plugins.legacyproxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.plugins.legacyproxy.testplugins.BoardsTestPlugin;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plugin takes {@code GET /api/boards/{boardId}} over from legacy; disabled, legacy (through this proxy) serves it
 * again; enabled, the plugin does — while clients keep requesting, none of them failing.
 */
class RouteTakeoverTest {
    private static final int CLIENTS = 4;

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .plugin(PluginJar.of("boards").classes(BoardsTestPlugin.class))
            .legacyStub()
            .build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> send(String method, String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(gateway.uri(path))
                            .timeout(Duration.ofSeconds(20))
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    @Test
    void disabledPluginRoutesFallBackToLegacyAndComeBackWhenEnabled() throws Exception {
        gateway.legacy()
                .orElseThrow()
                .stubFor(get(urlPathMatching("/api/boards/.*"))
                        .willReturn(aResponse().withBody("legacy board")));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger byPlugin = new AtomicInteger();
        AtomicInteger byLegacy = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new java.util.ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = send("GET", "/api/boards/b1");
                        if (response.statusCode() == 200 && response.body().equals("plugin b1")) {
                            byPlugin.incrementAndGet();
                        } else if (response.statusCode() == 200
                                && response.body().equals("legacy board")) {
                            byLegacy.incrementAndGet();
                        } else {
                            failures.add(response.statusCode() + " " + response.body());
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> byPlugin.get() > 20);

            assertThat(send("POST", "/admin/plugins/boards/disable").statusCode())
                    .isEqualTo(200);
            assertThat(send("GET", "/api/boards/b2").body()).isEqualTo("legacy board");
            int legacyBefore = byLegacy.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> byLegacy.get() > legacyBefore + 20);

            assertThat(send("POST", "/admin/plugins/boards/enable").statusCode())
                    .isEqualTo(200);
            assertThat(send("GET", "/api/boards/b3").body()).isEqualTo("plugin b3");
            int pluginBefore = byPlugin.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> byPlugin.get() > pluginBefore + 20);
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(20));
            }
        }

        assertThat(failures).isEmpty();
        assertThat(byLegacy.get()).isPositive();
        assertThat(byPlugin.get()).isPositive();
    }

    @Test
    void legacyProxyItselfCanBeDisabledAndEnabledAgain() {
        gateway.legacy()
                .orElseThrow()
                .stubFor(get(urlPathMatching("/api/other"))
                        .willReturn(aResponse().withBody("legacy other")));

        assertThat(send("POST", "/admin/plugins/legacy-proxy/disable").statusCode())
                .isEqualTo(200);
        HttpResponse<String> whileDisabled = send("GET", "/api/other");
        assertThat(send("POST", "/admin/plugins/legacy-proxy/enable").statusCode())
                .isEqualTo(200);
        HttpResponse<String> enabledAgain = send("GET", "/api/other");

        assertThat(whileDisabled.statusCode()).isEqualTo(404);
        assertThat(enabledAgain.statusCode()).isEqualTo(200);
        assertThat(enabledAgain.body()).isEqualTo("legacy other");
    }

    @Test
    void otherMethodsOnAClaimedPathStillReachLegacy() {
        gateway.legacy()
                .orElseThrow()
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(urlPathMatching("/api/boards/.*"))
                        .willReturn(aResponse().withStatus(202).withBody("legacy write")));

        HttpResponse<String> response = send("DELETE", "/api/boards/b1");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("legacy write");
    }
}
