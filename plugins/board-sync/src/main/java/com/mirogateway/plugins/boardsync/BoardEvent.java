package com.mirogateway.plugins.boardsync;

/**
 * One event of a board's change feed.
 *
 * @param boardId the board
 * @param seq its number in the board's sequence: the server-sent event's {@code id}
 * @param type {@code item.created}, {@code item.updated}, {@code item.deleted} or {@code board.synced}
 * @param data the JSON the event carries: the item, {@code {"id": ...}} of a deleted item, or the sync's summary
 */
record BoardEvent(String boardId, long seq, String type, String data) {
    static final String ITEM_CREATED = "item.created";
    static final String ITEM_UPDATED = "item.updated";
    static final String ITEM_DELETED = "item.deleted";
    static final String BOARD_SYNCED = "board.synced";
}
