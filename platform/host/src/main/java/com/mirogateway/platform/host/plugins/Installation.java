package com.mirogateway.platform.host.plugins;

import java.util.Optional;

/**
 * What an install, upgrade or rollback did.
 *
 * @param plugin the plugin now (the new version)
 * @param previousVersion the version it replaced; empty for a new plugin
 * @param digest the digest of the archive now current
 */
public record Installation(PluginRuntime plugin, Optional<String> previousVersion, String digest) {
    /** Whether the plugin id was new to this gateway. */
    public boolean created() {
        return previousVersion.isEmpty();
    }
}
