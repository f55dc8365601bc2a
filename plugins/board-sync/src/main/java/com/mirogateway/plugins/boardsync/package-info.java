/**
 * Boards and items: the read-through cache of Miro data ({@code /api/boards…} and Miro's own {@code /v2/boards…}
 * paths), board syncs as durable jobs with a re-sync schedule, the cache's ops endpoints under {@code /admin/cache},
 * and the {@link com.mirogateway.platform.api.BoardCache} service for the webhooks plugin.
 */
package com.mirogateway.plugins.boardsync;
