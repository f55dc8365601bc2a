package com.mirogateway.plugins.webhooks;

import static com.mirogateway.platform.testkit.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrent deliveries on SQLite share commits (group commit): every acknowledged one is stored once with its job,
 * duplicates stay duplicates, and a delivery whose statements or whose batch's commit fail (faults injected into the
 * real database file) is answered 5xx and not stored, with its batch, while other batches are.
 */
class GroupCommitTest {
    static final String BOARD = "uXjVgroup1=";

    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("plugins.webhooks.public-base-url", "https://gateway.example.com")
            .build();

    private static Subscribed board;

    @BeforeAll
    static void subscribe() {
        board = Subscribed.create(gateway, miro, BOARD, "3458764500000000601");
    }

    private static String event(String eventId, String itemId) {
        return Events.event(eventId, BOARD, "update", Events.item(BOARD, itemId, eventId, "2026-11-27T10:00:00Z"));
    }

    /** Delivers every body at once from 32 threads; the responses in the same order. */
    private static List<HttpResponse<String>> deliverConcurrently(List<String> bodies) throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(32)) {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (String body : bodies) {
                sent.add(threads.submit(() -> board.deliver(body)));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> response : sent) {
                responses.add(response.get());
            }
            return responses;
        }
    }

    private static Connection database() throws SQLException {
        Connection connection =
                DriverManager.getConnection("jdbc:sqlite:" + gateway.home().resolve("data/gateway.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
        }
        return connection;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = database();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Rows of the inbox with this event id, and jobs applying them. */
    private static long[] stored(String eventId) throws SQLException {
        try (Connection connection = database();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*), (SELECT COUNT(*) FROM gateway_jobs j WHERE"
                        + " j.idempotency_key = 'webhooks:' || MAX(i.id)) FROM webhooks_inbox i WHERE i.event_id = '"
                        + eventId + "'")) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    @Test
    void concurrentDeliveriesAreAllAcknowledgedAndStoredOnceWithTheirJobs() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            bodies.add(event("many-" + i, "34587645175179" + String.format("%05d", i)));
        }
        for (int i = 0; i < 100; i++) { // the same events again, at the same time: duplicates
            bodies.add(bodies.get(i));
        }

        List<HttpResponse<String>> responses = deliverConcurrently(bodies);

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        long duplicates = responses.stream()
                .filter(r -> json(r).path("status").asText().equals("duplicate"))
                .count();
        assertThat(duplicates).isEqualTo(100);
        for (int i = 0; i < 400; i++) {
            assertThat(stored("many-" + i)).as("many-" + i).containsExactly(1, 1);
        }
    }

    @Test
    void aDeliveryWhoseStatementsFailIsNotAcknowledgedNorAnythingOfItsBatch() throws Exception {
        execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON webhooks_inbox WHEN NEW.event_id = 'poison'"
                + " BEGIN SELECT RAISE(ABORT, 'injected fault'); END");
        try {
            assertThat(board.deliver(event("before-poison", "3458764517517800999"))
                            .statusCode())
                    .isEqualTo(200);
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                bodies.add(event(i == 100 ? "poison" : "beside-" + i, "34587645175178" + String.format("%05d", i)));
            }

            List<HttpResponse<String>> responses = deliverConcurrently(bodies);

            assertThat(responses.get(100).statusCode()).isGreaterThanOrEqualTo(500);
            assertThat(responses.get(100).body()).doesNotContain("injected fault");
            assertThat(stored("poison")).containsExactly(0, 0);
            // Its batch rolled back: those sharing it were not acknowledged either (Miro delivers them again);
            // every acknowledged delivery is stored once with its job, and none that was not acknowledged is.
            for (int i = 0; i < 200; i++) {
                if (i != 100) {
                    long expected = responses.get(i).statusCode() == 200 ? 1 : 0;
                    assertThat(responses.get(i).statusCode()).isIn(200, 500, 503);
                    assertThat(stored("beside-" + i)).as("beside-" + i).containsExactly(expected, expected);
                }
            }
            assertThat(responses.stream().filter(r -> r.statusCode() == 200)).hasSizeGreaterThan(100);
            assertThat(board.deliver(event("after-poison", "3458764517517800998"))
                            .statusCode())
                    .isEqualTo(200);
        } finally {
            execute("DROP TRIGGER refuse_poison");
        }
    }

    @Test
    void aBatchWhoseCommitFailsIsNotAcknowledgedAndLaterBatchesAre() throws Exception {
        // A deferred foreign key is checked at COMMIT: the delivery 'doomed' makes its whole batch's commit fail.
        execute("CREATE TABLE doom (parent INTEGER REFERENCES doom_parent (id) DEFERRABLE INITIALLY DEFERRED)");
        execute("CREATE TABLE doom_parent (id INTEGER PRIMARY KEY)");
        execute("CREATE TRIGGER doom_commit AFTER INSERT ON webhooks_inbox WHEN NEW.event_id = 'doomed'"
                + " BEGIN INSERT INTO doom (parent) VALUES (42); END");
        try {
            HttpResponse<String> doomed = board.deliver(event("doomed", "3458764517517700001"));
            assertThat(doomed.statusCode()).isGreaterThanOrEqualTo(500);
            assertThat(stored("doomed")).containsExactly(0, 0);

            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                bodies.add(event("after-" + i, "34587645175176" + String.format("%05d", i)));
            }
            assertThat(deliverConcurrently(bodies))
                    .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
            for (int i = 0; i < 100; i++) {
                assertThat(stored("after-" + i)).containsExactly(1, 1);
            }
        } finally {
            execute("DROP TRIGGER doom_commit");
        }
    }
}
