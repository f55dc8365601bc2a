package com.mirogateway.plugins.legacyproxy;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The legacy-proxy plugin: holds the host's terminal default for {@code /api}, so every request under {@code /api/**}
 * that no started plugin claims is forwarded to the legacy service named by {@code legacy.base-url}.
 *
 * <p>{@link #start} reads the {@code legacy} section (failing with a message naming the key when {@code base-url} is
 * missing or a value is invalid) and creates the one client and circuit breaker all requests share; {@link #stop}
 * closes the client's connections. Both run on the host's control thread.
 */
@Extension
public final class LegacyProxyPlugin implements GatewayPlugin {
    /** The path prefix this plugin is the fallback of. */
    static final String PREFIX = "/api";

    private static final System.Logger LOG = System.getLogger(LegacyProxyPlugin.class.getName());

    private LegacyUpstream upstream;

    @Override
    public void start(PluginContext context) {
        LegacyProxyConfig config = LegacyProxyConfig.from(context.config());
        upstream = LegacyUpstream.create(config);
        context.routes().fallback(PREFIX, new LegacyProxyHandler(PREFIX, config, upstream));
        LOG.log(
                Level.INFO,
                "Forwarding unclaimed {0}/** to {1} (connect timeout {2}, read timeout {3}, circuit breaker {4})",
                PREFIX,
                config.baseUri(),
                config.connectTimeout(),
                config.readTimeout(),
                config.circuitBreaker().enabled() ? "on" : "off");
    }

    /** The documented top-level {@code legacy} section ({@code legacy.base-url}), not {@code plugins.legacy-proxy}. */
    @Override
    public Optional<String> configSection() {
        return Optional.of("legacy");
    }

    @Override
    public void stop() {
        if (upstream != null) {
            upstream.close();
            upstream = null;
        }
    }
}
