package com.mirogateway.plugins.boardsync;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;

/** Writes the plugin's responses: Miro's JSON as cached, with {@code X-Cache} and {@code Age}. */
final class Responses {
    private static final Header JSON = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");
    private static final Header HIT = HeaderValues.createCached("X-Cache", "HIT");
    private static final Header MISS = HeaderValues.createCached("X-Cache", "MISS");
    private static final Header STALE = HeaderValues.createCached("X-Cache", "STALE");

    private Responses() {}

    /** Sends a cached response with its outcome and age. */
    static void send(ServerResponse res, Cached cached) {
        res.header(JSON);
        res.header(
                switch (cached.outcome()) {
                    case HIT -> HIT;
                    case MISS -> MISS;
                    case STALE -> STALE;
                });
        res.header(HeaderNames.AGE, Long.toString(cached.ageSeconds()));
        res.send(cached.body());
    }

    /** Sends a JSON body. */
    static void json(ServerResponse res, Object value) {
        res.header(JSON);
        res.send(MiroJson.write(MiroJson.MAPPER.valueToTree(value)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
