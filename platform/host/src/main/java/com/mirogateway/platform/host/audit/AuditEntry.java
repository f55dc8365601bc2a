package com.mirogateway.platform.host.audit;

/**
 * One recorded ops change, also its JSON in {@code GET /admin/audit}. A JSON value object: fields that do not apply
 * to a change are null (shown as JSON {@code null}).
 *
 * @param at when, ISO-8601 UTC
 * @param actor who: the token's subject, or {@code loopback} when security is off
 * @param action what: {@code install}, {@code upgrade}, {@code rollback}, {@code remove}, {@code enable},
 *     {@code disable} or {@code route-mode}
 * @param target the plugin id, or for a route-mode change the route id or {@code plugin:<id>}
 * @param fromVersion the version before, where one applies
 * @param toVersion the version after, where one applies
 * @param digest the archive's {@code Content-Digest}, for installs, upgrades and rollbacks
 * @param outcome {@code ok}, or the problem type the change was refused with
 * @param detail the refusal's detail, or the change's parameters
 */
public record AuditEntry(
        String at,
        String actor,
        String action,
        String target,
        String fromVersion,
        String toVersion,
        String digest,
        String outcome,
        String detail) {

    /**
     * A change to record; the time is filled in by {@link AuditLog#record}.
     *
     * @return the entry without a time
     */
    public static AuditEntry of(
            String actor,
            String action,
            String target,
            String fromVersion,
            String toVersion,
            String digest,
            String outcome,
            String detail) {
        return new AuditEntry(null, actor, action, target, fromVersion, toVersion, digest, outcome, detail);
    }
}
