-- The ops audit trail (owner host-audit), version 1. at is epoch milliseconds; actor is the token's subject or
-- 'loopback'; outcome is 'ok' or the refusal's problem type; versions and digest are empty where they do not apply.
CREATE TABLE gateway_audit (
    id VARCHAR(80) NOT NULL PRIMARY KEY,
    at BIGINT NOT NULL,
    actor VARCHAR(300) NOT NULL,
    action VARCHAR(40) NOT NULL,
    target VARCHAR(1000) NOT NULL,
    from_version VARCHAR(100),
    to_version VARCHAR(100),
    digest VARCHAR(100),
    outcome VARCHAR(100) NOT NULL,
    detail VARCHAR(2000)
);
CREATE INDEX gateway_audit_by_time ON gateway_audit (at, id);
