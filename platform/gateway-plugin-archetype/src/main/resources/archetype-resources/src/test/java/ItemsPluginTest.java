package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plugin in a real gateway (its own SQLite file, a free port), packed from target/classes. */
class ItemsPluginTest {
    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("plugins.${pluginId}.greeting", "hi")
            .build();

    @Test
    void itemAnswersWithThePluginIdAndItsOwnId() {
        HttpResponse<String> response = TestHttp.get(gateway.uri("/api/${pluginId}/items/42"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestHttp.json(response).path("plugin").asText()).isEqualTo("${pluginId}");
        assertThat(TestHttp.json(response).path("id").asText()).isEqualTo("42");
        assertThat(TestHttp.json(response).path("greeting").asText()).isEqualTo("hi");
    }

    @Test
    void aRecordedViewIsCountedByTheJob() {
        assertThat(TestHttp.post(gateway.uri("/api/${pluginId}/items/7/views"), "").statusCode()).isEqualTo(202);

        await().until(() -> TestHttp.json(TestHttp.get(gateway.uri("/api/${pluginId}/items/7")))
                .path("views")
                .asLong() == 1);
    }

    @Test
    void aMalformedIdIsA400() {
        assertThat(TestHttp.get(gateway.uri("/api/${pluginId}/items/a.b")).statusCode()).isEqualTo(400);
    }
}
