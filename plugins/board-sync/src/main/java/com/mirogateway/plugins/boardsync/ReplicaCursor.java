package com.mirogateway.plugins.boardsync;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in a replica's item order, and the opaque cursor the gateway issues for it: base64url of
 * {@code r1.<ordinal>.<itemId>}. Paging by place (not by offset) keeps a client's walk stable while items are added or
 * removed. A string that does not decode to this shape is not the replica's (it may be a cursor Miro issued before the
 * board was synced). Immutable.
 *
 * @param ordinal the last item's place
 * @param itemId the last item's id (ties on the place are ordered by id)
 */
record ReplicaCursor(long ordinal, String itemId) {
    /** Before the first item. */
    static final ReplicaCursor START = new ReplicaCursor(Long.MIN_VALUE, "");

    private static final Pattern SHAPE = Pattern.compile("r1\\.(-?[0-9]{1,19})\\.([0-9]{1,32})");

    /** The opaque cursor. */
    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("r1." + ordinal + "." + itemId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The place a cursor stands for, or empty if the gateway did not issue it. */
    static Optional<ReplicaCursor> decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Matcher matcher = SHAPE.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ReplicaCursor(Long.parseLong(matcher.group(1)), matcher.group(2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
