package com.mirogateway.dist;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.pf4j.Extension;

/**
 * The plugin {@link ConsolePluginsIT} installs through the console's page: {@code GET /api/console-demo/version}
 * answers the {@code console-demo-version.txt} entry of its jar, so a test sees which version serves.
 */
@Extension
public final class ConsoleDemoPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        String version = version();
        context.routes().get("/api/console-demo/version", (req, res) -> res.send(version));
    }

    private String version() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("console-demo-version.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
