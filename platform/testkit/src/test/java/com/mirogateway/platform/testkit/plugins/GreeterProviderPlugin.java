package com.mirogateway.platform.testkit.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * Test plugin registering a shared service. The service interface is a JDK type, so both plugins see the same class
 * (real plugins put such interfaces in the SDK or in a plugin they depend on).
 */
@Extension
public final class GreeterProviderPlugin implements GatewayPlugin {
    @Override
    @SuppressWarnings("unchecked")
    public void start(PluginContext context) {
        Supplier<String> greeter = () -> "hello from provider, tccl is provider's: "
                + (Thread.currentThread().getContextClassLoader() == GreeterProviderPlugin.class.getClassLoader());
        context.services().register(Supplier.class, greeter);
    }
}
