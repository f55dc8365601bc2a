/**
 * The audit trail of ops changes: every plugin install, upgrade, rollback, removal, enable and disable and every route
 * mode change, with when, who and what, kept in the store and listed by {@code GET /admin/audit}.
 */
package com.mirogateway.platform.host.audit;
