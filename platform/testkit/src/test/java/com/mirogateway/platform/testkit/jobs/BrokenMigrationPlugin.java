package com.mirogateway.platform.testkit.jobs;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import org.pf4j.Extension;

/** Test plugin whose migration fails (its jar's {@code broken/migration/V1__broken.sql} names no table). */
@Extension
public final class BrokenMigrationPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        context.routes().get("/api/broken", (req, res) -> res.send("must never serve"));
        context.store().migrate("broken/migration");
    }
}
