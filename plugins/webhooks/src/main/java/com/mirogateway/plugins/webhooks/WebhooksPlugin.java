package com.mirogateway.plugins.webhooks;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import org.pf4j.Extension;

/** The webhooks plugin. It claims no route yet; the receiver comes with the webhooks issue. */
@Extension
public final class WebhooksPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        // Nothing to register yet; the receiver, inbox and processing job come with the webhooks issue.
    }
}
