package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import org.pf4j.Extension;

/** The board-sync plugin. It claims no route yet: the legacy service keeps serving boards until it does. */
@Extension
public final class BoardSyncPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        // Nothing to register yet; the read-through cache and sync jobs come with the board-sync issue.
    }
}
