/** Plugins that only the board-sync tests load next to board-sync. */
package com.mirogateway.plugins.boardsync.testplugins;
