package com.mirogateway.platform.host.routing;

import io.helidon.config.Config;
import java.util.List;

/**
 * The mode of one route (or the default of one plugin's routes), as ops or the plugin's configuration set it.
 *
 * @param mode how the route is served
 * @param canaryBasisPoints the plugin's share in {@link Mode#CANARY} mode, in hundredths of a percent (0–10000); 0 in
 *     other modes
 * @param fallbackToLegacy in {@link Mode#PLUGIN} and {@link Mode#CANARY} mode: whether a plugin failure before any of
 *     its response was written is answered by legacy instead of an error
 * @param ignoreFields extra fields the comparison ignores for this route, beyond {@code routing.diff.ignore-fields}: a
 *     field name (ignored at any depth) or a JSON path such as {@code $.data[*].createdAt}
 */
public record RouteMode(Mode mode, int canaryBasisPoints, boolean fallbackToLegacy, List<String> ignoreFields) {
    /** The default: the plugin serves, no fallback. */
    public static final RouteMode PLUGIN = new RouteMode(Mode.PLUGIN, 0, false, List.of());

    /**
     * Checks and normalises the values.
     *
     * @throws InvalidRouteModeException if the share is outside 0–10000 or an ignore rule is malformed
     */
    public RouteMode {
        if (mode == null) {
            throw new InvalidRouteModeException("A route mode needs a mode: one of " + Mode.names());
        }
        if (canaryBasisPoints < 0 || canaryBasisPoints > 10_000) {
            throw new InvalidRouteModeException("canaryPercent must be between 0 and 100");
        }
        if (mode != Mode.CANARY) {
            canaryBasisPoints = 0;
        }
        ignoreFields = List.copyOf(ignoreFields);
        for (String rule : ignoreFields) {
            IgnoreRules.check(rule);
        }
    }

    /**
     * A mode from its parts as the ops API and configuration give them.
     *
     * @param mode the mode's name
     * @param canaryPercent the canary share in percent (up to two decimals), required for {@code canary}
     * @param fallbackToLegacy whether to fall back to legacy when the plugin fails before responding
     * @param ignoreFields extra ignored fields
     * @return the mode
     * @throws InvalidRouteModeException if a value is unusable
     */
    public static RouteMode of(String mode, Double canaryPercent, boolean fallbackToLegacy, List<String> ignoreFields) {
        Mode parsed = Mode.parse(mode)
                .orElseThrow(
                        () -> new InvalidRouteModeException("Unknown mode '" + mode + "'; use one of " + Mode.names()));
        int basisPoints = 0;
        if (parsed == Mode.CANARY) {
            if (canaryPercent == null || canaryPercent.isNaN() || canaryPercent < 0 || canaryPercent > 100) {
                throw new InvalidRouteModeException("Mode canary needs canaryPercent between 0 and 100");
            }
            basisPoints = (int) Math.round(canaryPercent * 100);
        }
        return new RouteMode(parsed, basisPoints, fallbackToLegacy, ignoreFields);
    }

    /**
     * Reads a mode from a configuration node with the keys mode, canary-percent, fallback-to-legacy and
     * ignore-fields.
     *
     * @param node the node
     * @return the mode
     * @throws InvalidRouteModeException naming the node's key if a value is unusable
     */
    static RouteMode from(Config node) {
        try {
            return of(
                    node.get("mode").asString().orElse(Mode.PLUGIN.text()),
                    node.get("canary-percent").asDouble().asOptional().orElse(null),
                    node.get("fallback-to-legacy").asBoolean().orElse(false),
                    node.get("ignore-fields").asList(String.class).orElse(List.of()));
        } catch (InvalidRouteModeException e) {
            throw new InvalidRouteModeException(node.key() + ": " + e.getMessage());
        }
    }

    /** The canary share in percent. */
    public double canaryPercent() {
        return canaryBasisPoints / 100.0;
    }

    /** Whether the dispatcher can call the plugin directly, with nothing else to do. */
    public boolean isDirect() {
        return mode == Mode.PLUGIN && !fallbackToLegacy;
    }
}
