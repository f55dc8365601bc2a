package com.mirogateway.plugins.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryTest {
    static final String BOARD = "uXjVunit1=";

    @Test
    void theDedupKeyIsTheEventIdWhenGivenElseTheItemsVersion() {
        String item = Events.item(BOARD, "1", "a", "2026-11-27T10:00:00Z");
        Delivery.Event withId = (Delivery.Event) Delivery.parse(Events.event("e1", BOARD, "update", item));
        Delivery.Event sameIdOtherBody =
                (Delivery.Event) Delivery.parse(Events.event("e1", BOARD, "update", item.replace("\"a\"", "\"b\"")));
        Delivery.Event noId = (Delivery.Event) Delivery.parse(Events.event(null, BOARD, "update", item));
        Delivery.Event noIdOtherVersion = (Delivery.Event)
                Delivery.parse(Events.event(null, BOARD, "update", item.replace("10:00:00Z", "10:00:01Z")));
        Delivery.Event noIdOtherType = (Delivery.Event) Delivery.parse(Events.event(null, BOARD, "create", item));

        assertThat(withId.dedupKey("x"))
                .isEqualTo(sameIdOtherBody.dedupKey("y"))
                .hasSize(64);
        assertThat(noId.dedupKey("x")).isEqualTo(noId.dedupKey("y")).isNotEqualTo(withId.dedupKey("x"));
        assertThat(noIdOtherVersion.dedupKey("x")).isNotEqualTo(noId.dedupKey("x"));
        assertThat(noIdOtherType.dedupKey("x")).isNotEqualTo(noId.dedupKey("x"));
    }

    @Test
    void withoutIdOrModifiedAtTheWholeBodyIsTheKey() {
        String body = Events.event(null, BOARD, "delete", "{\"id\":\"1\"}");
        Delivery.Event event = (Delivery.Event) Delivery.parse(body);

        assertThat(event.dedupKey(body)).isNotEqualTo(event.dedupKey(body + " "));
        assertThat(event.type()).isEqualTo("delete");
        assertThat(event.modifiedAt()).isEmpty();
    }

    @Test
    void aChallengeIsRecognisedOnlyWithoutAnEvent() {
        assertThat(Delivery.parse("{\"challenge\":\"c1\"}")).isEqualTo(new Delivery.Challenge("c1"));
        assertThat(Delivery.parse("{\"challenge\":\"c1\","
                        + Events.event("e", BOARD, "delete", "{\"id\":\"1\"}").substring(1)))
                .isInstanceOf(Delivery.Event.class);
    }
}
