package com.mirogateway.platform.host.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One difference between the legacy and the plugin answer.
 *
 * @param path where: {@code status}, {@code headers.<name>}, {@code body}, or a JSON path into the body such as
 *     {@code $.data[0].title}
 * @param change what kind of difference
 * @param legacy the legacy side's value (absent if the field exists on the plugin side only)
 * @param plugin the plugin side's value (absent if the field exists on the legacy side only)
 */
public record Difference(String path, Change change, Optional<JsonNode> legacy, Optional<JsonNode> plugin) {

    /** The kinds of difference. */
    public enum Change {
        /** Both sides have a value and the values differ. */
        CHANGED("changed"),
        /** Only the legacy answer has this field or element. */
        ONLY_LEGACY("only-in-legacy"),
        /** Only the plugin answer has this field or element. */
        ONLY_PLUGIN("only-in-plugin");

        private final String text;

        Change(String text) {
            this.text = text;
        }

        /** The name in reports. */
        public String text() {
            return text;
        }
    }
}
