package com.mirogateway.plugins.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.TestGateway;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhooksPluginTest {
    @RegisterExtension
    static TestGateway gateway =
            TestGateway.builder().reactorPlugin(Path.of(".")).build();

    @Test
    void pluginStartsInARealHostAndClaimsNothingYet() throws IOException, InterruptedException {
        HttpResponse<String> plugins = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(gateway.uri("/admin/plugins")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(plugins.statusCode()).isEqualTo(200);
        assertThat(plugins.body())
                .contains("\"id\":\"webhooks\"")
                .contains("\"state\":\"STARTED\"")
                .contains("\"routes\":[]");
    }
}
