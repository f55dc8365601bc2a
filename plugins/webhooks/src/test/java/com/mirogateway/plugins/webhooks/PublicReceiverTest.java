package com.mirogateway.plugins.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With authentication on and the default {@code security.public-paths} (which no longer lists {@code /webhooks}), Miro
 * reaches the receiver without a token because the plugin claims it public; the plugin's ops routes still need one.
 */
class PublicReceiverTest {
    static final MockOAuth2Server IDP = started();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("security.enabled", "true")
            .config("security.issuer", IDP.issuerUrl("default").toString())
            .config("security.audience", "miro-gateway")
            .config("security.fetch-timeout", "PT30S") // a loaded CI machine answers slowly
            .build();

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }

    @AfterAll
    static void stopProvider() {
        IDP.shutdown();
    }

    @Test
    void miroReachesTheReceiverWithoutAToken() {
        HttpResponse<String> response = TestHttp.send(HttpRequest.newBuilder(gateway.uri("/webhooks/miro/any-secret"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"challenge\":\"c-123\"}")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("c-123");
    }

    @Test
    void thePluginsOtherRoutesStillNeedAToken() {
        HttpResponse<String> response = TestHttp.get(gateway.uri("/admin/webhooks/deliveries"));

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
