package com.mirogateway.platform.host.routing;

/**
 * Comparison counts of one route and kind.
 *
 * @param compared runs where both answers were obtained and compared (a plugin exception counts as a 500 answer)
 * @param matching compared runs whose answers matched
 * @param mismatching compared runs whose answers differed
 * @param pluginErrors second runs that threw (other than a client-error problem) or timed out
 * @param pluginSlower compared runs where the second run took longer than the answer the client got
 * @param skipped safe requests not compared: capacity full, body over the capture limit, plugin stopping
 */
public record DiffCounts(
        long compared, long matching, long mismatching, long pluginErrors, long pluginSlower, long skipped) {
    /** No runs at all. */
    public static final DiffCounts ZERO = new DiffCounts(0, 0, 0, 0, 0, 0);

    /** The sum of two counts. */
    DiffCounts plus(DiffCounts other) {
        return new DiffCounts(
                compared + other.compared,
                matching + other.matching,
                mismatching + other.mismatching,
                pluginErrors + other.pluginErrors,
                pluginSlower + other.pluginSlower,
                skipped + other.skipped);
    }

    /** The share of compared runs that matched, 0–1, if any were compared. */
    public java.util.OptionalDouble matchRate() {
        return compared == 0
                ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of((double) matching / compared);
    }
}
