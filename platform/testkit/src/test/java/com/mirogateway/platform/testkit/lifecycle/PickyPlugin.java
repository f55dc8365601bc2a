package com.mirogateway.platform.testkit.lifecycle;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import org.pf4j.Extension;

/**
 * Test plugin {@code picky}, packed in several versions like {@link VersionedPlugin}: answers
 * {@code GET /api/picky/version}, and its start fails on a gateway whose {@code plugins.picky.refuse-version} is its
 * version, as a version that cannot start on one machine of a cluster would.
 */
@Extension
public final class PickyPlugin implements GatewayPlugin {
    /** The plugin id. */
    public static final String ID = "picky";

    @Override
    public void start(PluginContext context) {
        String version = VersionedPlugin.packedVersion(getClass().getClassLoader());
        if (version.equals(context.config().get("refuse-version").asString().orElse(""))) {
            throw new IllegalStateException("this gateway refuses version " + version);
        }
        context.routes().get("/api/picky/version", (req, res) -> res.send(version));
    }
}
