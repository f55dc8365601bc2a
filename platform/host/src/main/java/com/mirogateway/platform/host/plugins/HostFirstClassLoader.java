package com.mirogateway.platform.host.plugins;

import java.util.List;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin class loader that takes the platform (Helidon, PF4J, the SDK, Jackson, logging) from the host, so those
 * classes exist exactly once; everything else is looked up in the plugin first.
 */
final class HostFirstClassLoader extends PluginClassLoader {
    /** Packages (as class-name prefixes) that always come from the host. */
    static final List<String> HOST_PACKAGES = List.of(
            "org.pf4j.",
            "io.helidon.",
            "com.mirogateway.platform.api.",
            "com.fasterxml.jackson.",
            "org.slf4j.",
            "java.",
            "javax.",
            "jakarta.json.");

    HostFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        for (String prefix : HOST_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
