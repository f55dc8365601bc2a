-- Migration controls (owner host-routing), version 1. Times are epoch milliseconds of the database clock.
-- Route modes ops chose: scope 'route' (target = route id such as GET:/api/boards/{boardId}) or 'plugin'
-- (target = plugin id, the default of that plugin's routes). ignore_fields is a JSON array of strings.
CREATE TABLE gateway_route_modes (
    scope VARCHAR(16) NOT NULL,
    target VARCHAR(1000) NOT NULL,
    mode VARCHAR(32) NOT NULL,
    canary_basis_points INTEGER NOT NULL,
    fallback_to_legacy INTEGER NOT NULL,
    ignore_fields TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (scope, target)
);

-- Comparison counts per route and kind ('shadow' or 'legacy-vs-legacy'), summed over every gateway instance.
CREATE TABLE gateway_route_diffs (
    route_id VARCHAR(1000) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    compared BIGINT NOT NULL,
    matching BIGINT NOT NULL,
    mismatching BIGINT NOT NULL,
    plugin_errors BIGINT NOT NULL,
    plugin_slower BIGINT NOT NULL,
    skipped BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (route_id, kind)
);

-- The latest mismatch reports (JSON, secrets masked), at most routing.diff.keep-mismatches per route and kind.
CREATE TABLE gateway_route_mismatches (
    id VARCHAR(36) PRIMARY KEY,
    route_id VARCHAR(1000) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    recorded_at BIGINT NOT NULL,
    report TEXT NOT NULL
);
CREATE INDEX gateway_route_mismatches_latest ON gateway_route_mismatches (route_id, kind, recorded_at);
