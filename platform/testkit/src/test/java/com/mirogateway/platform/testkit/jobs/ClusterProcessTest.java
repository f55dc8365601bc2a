package com.mirogateway.platform.testkit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gateways as separate processes: {@code /admin/cluster} lists three on one PostgreSQL database, then two {@code up}
 * and one {@code gone} after a SIGKILL; a second process on the same SQLite database refuses to start, saying why.
 */
class ClusterProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void killedGatewayIsListedGoneWhileTheOthersStayUp() throws Exception {
        try (TestPostgres database = TestPostgres.create()) {
            Path home = ChildGateway.home(
                    Files.createTempDirectory("cluster-kill-test-"),
                    String.join(
                            "\n",
                            "store:",
                            "  url: " + database.url(),
                            "  username: postgres",
                            "cluster:",
                            "  heartbeat-interval: PT0.5S",
                            "  gone-after: PT3S"));
            try (ChildGateway a = ChildGateway.start(home);
                    ChildGateway b = ChildGateway.start(home);
                    ChildGateway c = ChildGateway.start(home)) {
                assertThat(states(a)).containsExactlyInAnyOrder("up", "up", "up");
                b.kill();
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> states(c).stream().filter("up"::equals).count() == 2);
                assertThat(states(a)).containsExactlyInAnyOrder("up", "up", "gone");
            }
        }
    }

    @Test
    void secondGatewayOnTheSameSqliteDatabaseRefusesToStart() throws Exception {
        Path home = ChildGateway.home(Files.createTempDirectory("cluster-sqlite-test-"), "");
        try (ChildGateway first = ChildGateway.start(home)) {
            assertThatThrownBy(() -> ChildGateway.start(home).close())
                    .hasMessageContaining("already uses the SQLite database")
                    .hasMessageContaining("pid " + first.pid());
            assertThat(first.get("/observe/health/ready").statusCode()).isEqualTo(200);
            assertThat(states(first)).as("membership works on SQLite too").containsExactly("up");
        }
    }

    private static List<String> states(ChildGateway gateway) throws Exception {
        JsonNode instances = JSON.readTree(gateway.get("/admin/cluster").body()).path("instances");
        List<String> states = new ArrayList<>();
        instances.forEach(instance -> states.add(instance.path("state").asText()));
        return states;
    }
}
