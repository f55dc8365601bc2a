package com.mirogateway.plugins.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.mirogateway.platform.testkit.TestHttp.get;
import static com.mirogateway.platform.testkit.TestHttp.json;
import static com.mirogateway.platform.testkit.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The receiver, the processing job and the ops endpoints on a started host with board-sync, Miro played by WireMock:
 * events change what {@code GET /api/boards/{id}/items/{itemId}} returns, without Miro being asked.
 */
class WebhookReceiverTest {
    static final String BOARD = "uXjVhooks1=";
    static final String BOARD_PATH = "uXjVhooks1%3D";

    @RegisterExtension
    static MiroStub miro = MiroStub.start();

    @RegisterExtension
    static TestGateway gateway = TestGateway.builder()
            .reactorPlugin(Path.of("../board-sync"))
            .reactorPlugin(Path.of("."))
            .config("miro.base-url", miro.baseUrl())
            .config("plugins.board-sync.resync.enabled", "false")
            .config("plugins.webhooks.public-base-url", "https://gateway.example.com/")
            .config("plugins.webhooks.max-body-size", "4096")
            .build();

    private static String secret;

    @BeforeAll
    static void subscribe() {
        secret = Subscribed.create(gateway, miro, BOARD, "3458764500000000001").secret();
    }

    private static HttpResponse<String> deliver(String secretInUrl, String body) {
        return post(gateway.uri("/webhooks/miro/" + secretInUrl), body);
    }

    private static JsonNode deliveries() {
        return json(get(gateway.uri("/admin/webhooks/deliveries?limit=500")));
    }

    private static long stored() {
        long total = 0;
        for (JsonNode count : deliveries().path("counts")) {
            total += count.asLong();
        }
        return total;
    }

    private static String state(String itemId) {
        return new Subscribed(gateway, BOARD, secret).state(itemId);
    }

    private static HttpResponse<String> item(String itemId) {
        return get(gateway.uri("/api/boards/" + BOARD_PATH + "/items/" + itemId));
    }

    private static String content(String itemId) {
        HttpResponse<String> item = item(itemId);
        return item.statusCode() == 200
                ? json(item).path("data").path("content").asText()
                : "HTTP " + item.statusCode();
    }

    @Test
    void theChallengeIsAnsweredWithItself() {
        HttpResponse<String> response =
                deliver("any-secret", "{\"challenge\":\"5b1e2f5e-3d2c-4f0a-9d1b-8a3c2e1f0a9b\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response).path("challenge").asText()).isEqualTo("5b1e2f5e-3d2c-4f0a-9d1b-8a3c2e1f0a9b");
    }

    @Test
    void createUpdateAndDeleteEventsChangeWhatTheItemReadReturns() {
        String id = "3458764517517900001";
        miro.noItem(BOARD, id);

        HttpResponse<String> created = deliver(
                secret,
                Events.event("e-create-1", BOARD, "create", Events.item(BOARD, id, "first", "2026-11-27T10:00:00Z")));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(json(created).path("status").asText()).isEqualTo("accepted");
        await().until(() -> content(id).equals("first"));
        assertThat(item(id).headers().firstValue("X-Cache")).hasValue("HIT");

        deliver(
                secret,
                Events.event("e-update-1", BOARD, "update", Events.item(BOARD, id, "second", "2026-11-27T10:05:00Z")));
        await().until(() -> content(id).equals("second"));

        deliver(
                secret,
                Events.event("e-delete-1", BOARD, "delete", "{\"id\":\"" + id + "\",\"type\":\"sticky_note\"}"));
        await().until(() -> content(id).equals("HTTP 404"));
        assertThat(miro.server()
                        .findAll(getRequestedFor(urlPathEqualTo("/v2/boards/" + BOARD_PATH + "/items/" + id)))
                        .size())
                .as("Miro is asked only once the event deleted the cached copy")
                .isEqualTo(1);
        assertThat(state(id)).isEqualTo("applied");
    }

    @Test
    void theSameEventDeliveredTwiceIsStoredAndAppliedOnce() {
        String id = "3458764517517900002";
        String event = Events.event("e-dup-1", BOARD, "create", Events.item(BOARD, id, "once", "2026-11-27T11:00:00Z"));
        String withoutId = Events.event(null, BOARD, "update", Events.item(BOARD, id, "twice", "2026-11-27T11:01:00Z"));
        long before = stored();

        assertThat(json(deliver(secret, event)).path("status").asText()).isEqualTo("accepted");
        HttpResponse<String> again = deliver(secret, event);
        assertThat(json(deliver(secret, withoutId)).path("status").asText()).isEqualTo("accepted");
        HttpResponse<String> againWithoutId = deliver(secret, withoutId);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("status").asText()).isEqualTo("duplicate");
        assertThat(json(againWithoutId).path("status").asText())
                .as("without an event id: the same board, item, type and modifiedAt")
                .isEqualTo("duplicate");
        assertThat(stored()).isEqualTo(before + 2);
        await().until(() -> content(id).equals("twice"));
    }

    @Test
    void anUpdateOlderThanTheCachedItemIsIgnored() {
        String id = "3458764517517900003";
        deliver(
                secret,
                Events.event("e-new", BOARD, "update", Events.item(BOARD, id, "newer", "2026-11-27T12:00:01Z")));
        await().until(() -> content(id).equals("newer"));

        deliver(
                secret,
                Events.event("e-old", BOARD, "update", Events.item(BOARD, id, "older", "2026-11-27T12:00:00.999Z")));

        await().until(() -> state(id).equals("ignored"));
        assertThat(content(id)).isEqualTo("newer");
    }

    @Test
    void anUnknownSecretIs404WithoutAHintAndNothingIsStored() {
        long before = stored();
        String event = Events.event(
                "e-wrong", BOARD, "create", Events.item(BOARD, "3458764517517900004", "x", "2026-11-27T13:00:00Z"));
        String guess = secret.substring(0, 42) + (secret.endsWith("A") ? "B" : "A");

        for (String wrong : new String[] {guess, "short", secret + "x"}) {
            HttpResponse<String> response = deliver(wrong, event);
            assertThat(response.statusCode()).as(wrong).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body())
                    .doesNotContain(wrong)
                    .doesNotContain("secret")
                    .doesNotContain("subscription");
        }
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void malformedAndOversizedDeliveriesAreProblemsAndNothingIsStored() {
        long before = stored();
        String item = Events.item(BOARD, "3458764517517900005", "x", "2026-11-27T14:00:00Z");
        for (String body : new String[] {
            "",
            "not json",
            "[1,2]",
            "{\"type\":\"board_event\"}",
            "{\"type\":\"something_else\",\"event\":{}}",
            Events.event("e1", "not a board!", "create", item),
            Events.event("e1", BOARD, "rename", item),
            Events.event("e1", BOARD, "create", "{\"id\":\"abc\",\"type\":\"sticky_note\"}"),
            Events.event("e1", BOARD, "create", "{\"id\":\"3458764517517900005\"}"),
            Events.event("e1", BOARD, "update", item.replace("2026-11-27T14:00:00Z", "yesterday")),
            Events.event("e1", "uXjVother=", "create", item)
        }) {
            HttpResponse<String> response = deliver(secret, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).path("type").asText())
                    .isEqualTo("urn:miro-gateway:problem:invalid-webhook-delivery");
        }
        String huge = Events.event("e-huge", BOARD, "create", item.replace("\"x\"", "\"" + "x".repeat(5000) + "\""));
        HttpResponse<String> tooLarge = deliver(secret, huge);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        HttpResponse<String> chunked = TestHttp.send(HttpRequest.newBuilder(gateway.uri("/webhooks/miro/" + secret))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))));
        assertThat(chunked.statusCode())
                .as("a streamed body without Content-Length")
                .isEqualTo(413);

        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void subscriptionsAreListedWithMiroStatusAndDeletedAtMiroAndHere() throws IOException {
        String board = "uXjVhooks2=";
        miro.subscriptionFor(board, "3458764500000000002", "lost_access");
        HttpResponse<String> created =
                post(gateway.uri("/admin/webhooks/subscriptions"), "{\"boardId\":\"" + board + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode subscription = json(created);
        String location = created.headers().firstValue("Location").orElseThrow();
        String secondSecret = miro.secretFor(board);

        assertThat(secondSecret).hasSize(43).isNotEqualTo(secret);
        assertThat(created.body()).doesNotContain(secondSecret);
        assertThat(location)
                .isEqualTo("/admin/webhooks/subscriptions/"
                        + subscription.path("id").asText());
        assertThat(subscription.path("miroId").asText()).isEqualTo("3458764500000000002");
        try (Stream<Path> files = Files.walk(gateway.home())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as("only the secret's hash is stored: " + file)
                        .doesNotContain(secondSecret);
            }
        }

        JsonNode listed = null;
        for (JsonNode s :
                json(get(gateway.uri("/admin/webhooks/subscriptions"))).path("subscriptions")) {
            if (s.path("boardId").asText().equals(board)) {
                listed = s;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("status").asText()).isEqualTo("lost_access");
        assertThat(listed.path("statusSource").asText()).isEqualTo("miro");

        HttpResponse<String> deleted = TestHttp.delete(gateway.uri(location));
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(miro.server()
                        .findAll(deleteRequestedFor(urlPathEqualTo(MiroStub.SUBSCRIPTIONS + "/3458764500000000002"))))
                .hasSize(1);
        assertThat(TestHttp.delete(gateway.uri(location)).statusCode()).isEqualTo(404);
        assertThat(deliver(
                                secondSecret,
                                Events.event(
                                        "e-gone",
                                        board,
                                        "create",
                                        Events.item(board, "1", "x", "2026-11-27T15:00:00Z")))
                        .statusCode())
                .as("deliveries to a deleted subscription's URL")
                .isEqualTo(404);
    }

    @Test
    void creatingASubscriptionChecksTheBoardIdAndMapsMiroErrors() {
        assertThat(post(gateway.uri("/admin/webhooks/subscriptions"), "{\"boardId\":\"no such board!\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(gateway.uri("/admin/webhooks/subscriptions"), "{}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> unknownAtMiro =
                post(gateway.uri("/admin/webhooks/subscriptions"), "{\"boardId\":\"uXjVnone1=\"}");
        assertThat(unknownAtMiro.statusCode())
                .as("WireMock has no stub: Miro answers 404")
                .isEqualTo(404);
        assertThat(json(get(gateway.uri("/admin/webhooks/subscriptions")))
                        .path("subscriptions")
                        .toString())
                .as("a subscription Miro refused is not kept")
                .doesNotContain("uXjVnone1=");
    }

    @Test
    void deliveriesAndOutcomesShowInMetrics() {
        deliver(
                secret,
                Events.event(
                        "e-metrics",
                        BOARD,
                        "create",
                        Events.item(BOARD, "3458764517517900006", "m", "2026-11-27T16:00:00Z")));
        await().until(() -> content("3458764517517900006").equals("m"));

        String metrics = TestHttp.send(
                        HttpRequest.newBuilder(gateway.uri("/observe/metrics")).header("Accept", "text/plain"))
                .body();
        assertThat(metrics)
                .containsPattern("webhooks_deliveries_total\\{[^}]*outcome=\"accepted\"")
                .containsPattern("webhooks_events_total\\{[^}]*outcome=\"applied\"")
                .contains("webhooks_processing_lag");
        assertThat(get(gateway.uri("/admin/webhooks/deliveries?state=bogus")).statusCode())
                .isEqualTo(400);
        assertThat(get(gateway.uri("/admin/webhooks/deliveries?limit=0")).statusCode())
                .isEqualTo(400);
        assertThat(deliveries().path("deliveries").get(0).has("body"))
                .as("deliveries are listed without their bodies")
                .isFalse();
    }
}
