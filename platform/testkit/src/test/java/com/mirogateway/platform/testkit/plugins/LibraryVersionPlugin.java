package com.mirogateway.platform.testkit.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.lang3.StringUtils;
import org.pf4j.Extension;

/**
 * Test plugin bundling commons-lang3: {@code GET /api/libs/<plugin-id>} answers which copy of the library its class
 * loader gave it (the jar it came from, the version in that copy's pom.properties) and uses it.
 */
@Extension
public final class LibraryVersionPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        context.routes()
                .get(
                        "/api/libs/" + context.pluginId(),
                        (req, res) -> res.send(Map.of(
                                "version", version(),
                                "from",
                                        String.valueOf(StringUtils.class
                                                .getProtectionDomain()
                                                .getCodeSource()
                                                .getLocation()),
                                "capitalized", StringUtils.capitalize(context.pluginId()))));
    }

    private static String version() {
        try (InputStream in = StringUtils.class.getResourceAsStream(
                "/META-INF/maven/org.apache.commons/commons-lang3/pom.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
