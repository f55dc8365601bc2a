/**
 * Boards and items: the read-through cache of Miro data and board syncs. Its routes arrive with the board-sync issue;
 * until then the plugin starts and claims nothing, so its paths stay with the legacy service.
 */
package com.mirogateway.plugins.boardsync;
