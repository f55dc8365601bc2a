package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import com.mirogateway.platform.testkit.plugins.GreeterConsumerPlugin;
import com.mirogateway.platform.testkit.plugins.GreeterProviderPlugin;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SharedServicesTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .plugin(PluginJar.of("greeter-provider").classes(GreeterProviderPlugin.class))
            .plugin(PluginJar.of("greeter-consumer")
                    .dependsOn("greeter-provider?")
                    .classes(GreeterConsumerPlugin.class))
            .plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
            .build();

    @Test
    void consumerCallsProviderWithProvidersClassLoaderAndSeesItDisappearAndReturn() {
        HttpResponse<String> first = Http.get(gateway.uri("/api/greeting"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("hello from provider, tccl is provider's: true");

        assertThat(Http.post(gateway.uri("/admin/plugins/greeter-provider/disable"))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> gone = Http.get(gateway.uri("/api/greeting"));
        assertThat(gone.statusCode()).isEqualTo(503);
        assertThat(gone.body()).contains("greeter-gone").contains("greeter-provider");

        assertThat(Http.post(gateway.uri("/admin/plugins/greeter-provider/enable"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(Http.get(gateway.uri("/api/greeting")).body())
                .as("a proxy from before the provider stopped follows it when it starts again (as after an upgrade)")
                .startsWith("hello from provider");
        assertThat(Http.post(gateway.uri("/admin/plugins/greeter-consumer/disable"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(Http.post(gateway.uri("/admin/plugins/greeter-consumer/enable"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(Http.get(gateway.uri("/api/greeting")).body()).startsWith("hello from provider");
    }
}
