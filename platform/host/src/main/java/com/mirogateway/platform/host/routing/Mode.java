package com.mirogateway.platform.host.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a claimed route is served.
 *
 * <ul>
 *   <li>{@link #PLUGIN}: the plugin answers (optionally falling back to legacy when it fails before responding).
 *   <li>{@link #LEGACY}: the claim is ignored; the legacy fallback answers.
 *   <li>{@link #CANARY}: a sticky share of clients gets the plugin, the rest legacy.
 *   <li>{@link #SHADOW}: legacy answers; safe requests also run the plugin on a copy, and the answers are compared.
 *   <li>{@link #LEGACY_VS_LEGACY}: legacy answers; safe requests are sent to legacy a second time and compared, to see
 *       which fields are naturally unstable.
 * </ul>
 *
 * <p>Any mode can follow any other; a change applies to the next request.
 */
public enum Mode {
    PLUGIN("plugin"),
    LEGACY("legacy"),
    CANARY("canary"),
    SHADOW("shadow"),
    LEGACY_VS_LEGACY("legacy-vs-legacy");

    private final String text;

    Mode(String text) {
        this.text = text;
    }

    /** The mode's name in configuration, the store and the ops API, e.g. {@code legacy-vs-legacy}. */
    public String text() {
        return text;
    }

    /**
     * The mode of a name, case-insensitively.
     *
     * @param text the name
     * @return the mode, or empty if there is none of that name
     */
    public static Optional<Mode> parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.text.equals(wanted)).findFirst();
    }

    /** The names of all modes, for error messages. */
    static String names() {
        return String.join(", ", Arrays.stream(values()).map(Mode::text).toList());
    }
}
