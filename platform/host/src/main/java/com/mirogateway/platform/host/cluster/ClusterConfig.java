package com.mirogateway.platform.host.cluster;

import io.helidon.config.Config;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code cluster} section. Defaults are those of the shipped {@code conf/application.yaml}.
 *
 * @param notifications how instances learn of a change: {@code NOTIFY} (PostgreSQL {@code LISTEN/NOTIFY}, the table
 *     read on each wake-up) or {@code POLL} (the table read every {@code poll-interval}, for PgBouncer's transaction
 *     mode, which does not carry {@code LISTEN})
 * @param pollInterval how often the change table is read in {@code poll} mode
 * @param catchUpInterval how often the table is read in {@code notify} mode anyway, for a notification that was lost
 * @param heartbeatInterval how often an instance writes its heartbeat (and prunes old changes)
 * @param goneAfter after how long without a heartbeat an instance is listed as {@code gone}
 * @param keepChanges how long a change stays in the table (an instance that was away longer reloads at its restart)
 * @param sharedMiroBudget whether instances on PostgreSQL share one Miro rate budget ({@code miro-budget: shared}) or
 *     each keeps its own ({@code local})
 */
public record ClusterConfig(
        Notifications notifications,
        Duration pollInterval,
        Duration catchUpInterval,
        Duration heartbeatInterval,
        Duration goneAfter,
        Duration keepChanges,
        boolean sharedMiroBudget) {

    /** How an instance learns that the change table has new rows. */
    public enum Notifications {
        NOTIFY,
        POLL
    }

    /** Checks the values. */
    public ClusterConfig {
        for (Duration d : new Duration[] {pollInterval, catchUpInterval, heartbeatInterval, goneAfter, keepChanges}) {
            if (!d.isPositive()) {
                throw new IllegalArgumentException("cluster.* durations must be positive");
            }
        }
        if (goneAfter.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("cluster.gone-after must be longer than cluster.heartbeat-interval");
        }
    }

    /**
     * Reads the section.
     *
     * @param cluster the {@code cluster} node
     * @return the configuration
     * @throws IllegalArgumentException if {@code notifications} is neither {@code notify} nor {@code poll}, or a
     *     duration is not positive
     */
    public static ClusterConfig from(Config cluster) {
        String mode = cluster.get("notifications").asString().orElse("notify");
        Notifications notifications;
        try {
            notifications = Notifications.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster.notifications must be notify or poll, not " + mode, e);
        }
        String budget = cluster.get("miro-budget").asString().orElse("shared").strip();
        if (!budget.equals("shared") && !budget.equals("local")) {
            throw new IllegalArgumentException("cluster.miro-budget must be shared or local, not " + budget);
        }
        return new ClusterConfig(
                notifications,
                duration(cluster, "poll-interval", Duration.ofMillis(250)),
                duration(cluster, "catch-up-interval", Duration.ofSeconds(5)),
                duration(cluster, "heartbeat-interval", Duration.ofSeconds(5)),
                duration(cluster, "gone-after", Duration.ofSeconds(30)),
                duration(cluster, "keep-changes", Duration.ofHours(1)),
                budget.equals("shared"));
    }

    private static Duration duration(Config cluster, String key, Duration fallback) {
        return cluster.get(key).as(Duration.class).orElse(fallback);
    }
}
