package com.mirogateway.plugins.boardsync;

import java.util.Optional;

/**
 * What a cached response is: a board, an item, or a whole list response keyed by its normalised query. The {@link
 * #id()} is unique across kinds and starts with the board id where there is one, so a board's keys can be found by
 * prefix (board ids never hold {@code :} or {@code ?}).
 */
sealed interface CacheKey {

    /** The key as one string, for single flight and the memory layer. */
    String id();

    /** The board the response belongs to, if any (board lists belong to none). */
    Optional<String> boardId();

    /**
     * One board ({@code GET /v2/boards/{id}}).
     *
     * @param board the board id
     */
    record Board(String board) implements CacheKey {
        @Override
        public String id() {
            return "board:" + board;
        }

        @Override
        public Optional<String> boardId() {
            return Optional.of(board);
        }
    }

    /**
     * One item ({@code GET /v2/boards/{id}/items/{itemId}}).
     *
     * @param board the board id
     * @param item the item id
     */
    record Item(String board, String item) implements CacheKey {
        @Override
        public String id() {
            return "item:" + board + ":" + item;
        }

        @Override
        public Optional<String> boardId() {
            return Optional.of(board);
        }
    }

    /**
     * A whole list response.
     *
     * @param id the key: a kind prefix, the board id if any, and the normalised (sorted, defaults filled) query
     * @param board the board id, if the list belongs to a board
     * @param items whether the response is a page of items (whose items are also stored one by one)
     */
    record Page(String id, Optional<String> board, boolean items) implements CacheKey {
        @Override
        public Optional<String> boardId() {
            return board;
        }
    }
}
