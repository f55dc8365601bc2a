package com.mirogateway.platform.api;

/**
 * The board cache as other plugins may change it: the service the board-sync plugin registers under this interface
 * ({@code context.services().find(BoardCache.class)}) so that, for example, the webhooks plugin applies Miro's item
 * events without a round trip to Miro.
 *
 * <p>Lives in the SDK rather than in board-sync so that a consumer needs no PF4J dependency on board-sync and keeps
 * working (with the lookup empty) while board-sync is disabled. A call returns once its write is committed (concurrent
 * calls may share one commit, see {@link Store#groupCommit}), so it must not be made inside a store transaction of the
 * caller's own. Calls are idempotent, and safe to repeat when an event is delivered twice. Implementations are
 * thread-safe.
 */
public interface BoardCache {

    /**
     * Stores an item as Miro described it (created or updated), replacing the cached copy, and marks the board's
     * cached item lists stale so their next read asks Miro again; unless the cached copy is newer than this one (by
     * their {@code modifiedAt}), in which case nothing changes. The comparison and the write are one atomic step, so
     * events applied concurrently or out of order leave the newest copy.
     *
     * @param boardId the board's id, e.g. {@code uXjVOD6Lzs4=}
     * @param itemJson the item in Miro's v2 JSON shape; must hold {@code id} and {@code type}
     * @return {@code true} if the item was stored, {@code false} if the cache holds a newer copy
     * @throws IllegalArgumentException if the board id is malformed or the JSON is not an item
     */
    boolean itemChanged(String boardId, String itemJson);

    /**
     * Removes an item from the cache and marks the board's cached item lists stale.
     *
     * @param boardId the board's id
     * @param itemId the item's id
     * @throws IllegalArgumentException if an id is malformed
     */
    void itemDeleted(String boardId, String itemId);

    /**
     * Marks everything cached about a board stale (kept for stale-if-error, revalidated on the next read), for an event
     * that says the board changed without saying how.
     *
     * @param boardId the board's id
     * @throws IllegalArgumentException if the board id is malformed
     */
    void boardChanged(String boardId);
}
