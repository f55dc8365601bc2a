package com.mirogateway.platform.host.routing;

import io.helidon.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code routing} section: default mode, canary stickiness, shadow limits, comparison rules and report retention.
 * Defaults are those of the shipped {@code conf/application.yaml}.
 *
 * @param defaultMode the mode of a route whose plugin's configuration names none ({@code routing.default-mode})
 * @param refreshInterval how often ops' changes made through another instance are read from the store; zero = never
 * @param stickyKey what a client is recognised by for the canary split ({@code routing.canary.sticky-key})
 * @param forceHeader the request header whose value {@code plugin} or {@code legacy} forces a canary route's side
 * @param samplePercent the share of safe requests on a shadowed route that are compared (0–100)
 * @param maxInFlight the most comparisons running or waiting at once; requests beyond are not compared
 * @param timeout how long a comparison's second run may take before it counts as a plugin error
 * @param maxBodySize the most body bytes captured per side; larger answers are not compared
 * @param compareHeaders the response headers compared (lower case), besides the status and the body
 * @param ignoreFields JSON fields no route's comparison looks at (names or JSON paths)
 * @param keepMismatches how many of the latest mismatch reports the store keeps per route and kind
 * @param flushInterval how often comparison counts and reports are written to the store
 */
public record RoutingConfig(
        RouteMode defaultMode,
        Duration refreshInterval,
        StickyKey stickyKey,
        String forceHeader,
        int samplePercent,
        int maxInFlight,
        Duration timeout,
        int maxBodySize,
        List<String> compareHeaders,
        List<String> ignoreFields,
        int keepMismatches,
        Duration flushInterval) {

    /** Checks the values. */
    public RoutingConfig {
        if (defaultMode.mode() == Mode.CANARY) {
            throw new InvalidRouteModeException("routing.default-mode cannot be canary: give the share per plugin with"
                    + " plugins.<id>.route-modes.default.canary-percent");
        }
        if (samplePercent < 0 || samplePercent > 100) {
            throw new InvalidRouteModeException("routing.shadow.sample-percent must be between 0 and 100");
        }
        if (maxInFlight < 1 || maxBodySize < 0 || keepMismatches < 0) {
            throw new InvalidRouteModeException(
                    "routing.shadow.max-in-flight must be at least 1; max-body-size and keep-mismatches at least 0");
        }
        compareHeaders = compareHeaders.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .toList();
        ignoreFields = List.copyOf(ignoreFields);
        IgnoreRules.of(ignoreFields);
    }

    /** The defaults, as if the section were empty. */
    public static RoutingConfig defaults() {
        return from(Config.empty());
    }

    /**
     * Reads the section.
     *
     * @param routing the {@code routing} node
     * @return the configuration
     * @throws InvalidRouteModeException if a value is unusable
     */
    public static RoutingConfig from(Config routing) {
        Config canary = routing.get("canary");
        Config shadow = routing.get("shadow");
        Config diff = routing.get("diff");
        return new RoutingConfig(
                RouteMode.of(routing.get("default-mode").asString().orElse("plugin"), null, false, List.of()),
                routing.get("refresh-interval").as(Duration.class).orElse(Duration.ofSeconds(10)),
                StickyKey.parse(canary.get("sticky-key").asString().orElse("subject")),
                canary.get("force-header").asString().orElse("X-Gateway-Route"),
                shadow.get("sample-percent").asInt().orElse(100),
                shadow.get("max-in-flight").asInt().orElse(64),
                shadow.get("timeout").as(Duration.class).orElse(Duration.ofSeconds(5)),
                shadow.get("max-body-size").asInt().orElse(1_048_576),
                diff.get("headers").asList(String.class).orElse(List.of("content-type")),
                diff.get("ignore-fields").asList(String.class).orElse(List.of()),
                diff.get("keep-mismatches").asInt().orElse(50),
                diff.get("flush-interval").as(Duration.class).orElse(Duration.ofSeconds(1)));
    }
}
