package com.mirogateway.plugins.webhooks;

import static com.mirogateway.platform.testkit.TestHttp.get;
import static com.mirogateway.platform.testkit.TestHttp.json;
import static com.mirogateway.platform.testkit.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mirogateway.platform.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A board subscribed through the gateway's ops API, with the secret of its callback URL as Miro received it. */
record Subscribed(TestGateway gateway, String boardId, String secret) {

    static Subscribed create(TestGateway gateway, MiroStub miro, String boardId, String miroId) {
        miro.subscriptionFor(boardId, miroId, "enabled");
        HttpResponse<String> created =
                post(gateway.uri("/admin/webhooks/subscriptions"), "{\"boardId\":\"" + boardId + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Subscribed(gateway, boardId, miro.secretFor(boardId));
    }

    HttpResponse<String> deliver(String body) {
        return post(gateway.uri("/webhooks/miro/" + secret), body);
    }

    /** The listed delivery of an item, if any. */
    Optional<JsonNode> delivery(String itemId) {
        for (JsonNode d :
                json(get(gateway.uri("/admin/webhooks/deliveries?limit=500"))).path("deliveries")) {
            if (d.path("itemId").asText().equals(itemId)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    String state(String itemId) {
        return delivery(itemId).map(d -> d.path("state").asText()).orElse("(none)");
    }
}
