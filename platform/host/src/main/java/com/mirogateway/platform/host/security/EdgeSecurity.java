package com.mirogateway.platform.host.security;

import com.mirogateway.platform.host.plugins.PluginHost;
import io.helidon.common.tls.Tls;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's edge security, read from the {@code security}, {@code cors} and {@code tls} sections and {@code
 * gateway.max-body-size}, and wired into the web server by {@link com.mirogateway.platform.host.Gateway}.
 *
 * <p>Security is on by default: {@link #create(Config, Path)} refuses a configuration without {@code security.issuer}
 * unless {@code security.enabled=false} is set explicitly, and then logs a loud warning. Filters, after the
 * correlation filter: security headers, CORS (so a preflight needs no token), bearer authentication, the parsed-body
 * limit. Created once per gateway on the starting thread; the filters it adds are thread-safe.
 */
public final class EdgeSecurity {
    /** The name of the plain-HTTP listener that redirects to HTTPS, when {@code tls.redirect-port} is set. */
    public static final String REDIRECT_SOCKET = "https-redirect";

    static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(EdgeSecurity.class.getName());

    private final SecurityConfig security;
    private final AccessPolicy policy;
    private final CorsConfig cors;
    private final TlsSettings tlsSettings;
    private final Optional<Tls> tls;
    private final Optional<TokenVerifier> verifier;
    private final long maxBodySize;
    private final String host;
    private final AtomicReference<WebServer> server = new AtomicReference<>();

    private EdgeSecurity(Config config, Path home, Map<String, String> environment) {
        this.security = SecurityConfig.from(config);
        this.policy = new AccessPolicy(security.publicPaths());
        this.cors = CorsConfig.from(config.get("cors"));
        this.tlsSettings = TlsSettings.from(config.get("tls"), home);
        this.tls = tlsSettings.enabled() ? Optional.of(tlsSettings.load(environment)) : Optional.empty();
        this.maxBodySize = Settings.size(config.get("gateway.max-body-size"), DEFAULT_MAX_BODY_SIZE);
        this.host = Settings.string(config.get("server.host")).orElse("0.0.0.0");
        if (security.enabled()) {
            OidcProvider provider = new OidcProvider(
                    security.issuer().orElseThrow().toString(),
                    DocumentFetcher.http(security.fetchTimeout()),
                    Clock.systemUTC(),
                    security.jwksCacheTtl(),
                    security.jwksRefreshMinInterval());
            provider.warmUp();
            this.verifier = Optional.of(new TokenVerifier(
                    provider, security.audiences(), security.rolesClaim(), security.clockSkew(), Clock.systemUTC()));
        } else {
            this.verifier = Optional.empty();
            LOG.log(
                    Level.WARNING,
                    "SECURITY IS DISABLED (security.enabled=false): /api, /v2 and /admin accept "
                            + "requests WITHOUT authentication (/admin only from loopback clients). Development "
                            + "only: never run like this where anyone else can reach the port. Set security.issuer and "
                            + "security.audience to turn it on.");
        }
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(
                    Level.DEBUG,
                    "Effective configuration (secrets masked):\n" + String.join("\n", ConfigDump.lines(config)));
        }
    }

    /**
     * Reads and checks the security configuration; with security on, fetches the issuer's discovery document and keys
     * (a provider that cannot be reached yet is logged, not fatal: requests get 503 until it answers).
     *
     * @param config the whole gateway configuration
     * @param home the folder relative paths (the keystore) are resolved against
     * @return the edge security
     * @throws SecurityConfigException if security is on without issuer or audience, or a CORS, TLS or secret setting
     *     is unusable
     */
    public static EdgeSecurity create(Config config, Path home) {
        return new EdgeSecurity(config, home, System.getenv());
    }

    static EdgeSecurity create(Config config, Path home, Map<String, String> environment) {
        return new EdgeSecurity(config, home, environment);
    }

    /**
     * Whether {@code /admin} only answers loopback clients: always with security disabled (nobody is authenticated),
     * and with security on only if {@code admin.loopback-only} asks for it on top of the ops role.
     *
     * @return true to restrict the ops API to loopback clients
     */
    public boolean adminLoopbackOnly() {
        return !security.enabled() || security.adminLoopbackOnly();
    }

    /**
     * The OIDC issuer bearer tokens must come from, when security is on: the console signs in there.
     *
     * @return the issuer, or empty with security off
     */
    public Optional<URI> issuer() {
        return security.enabled() ? security.issuer() : Optional.empty();
    }

    /**
     * Adds TLS to the default listener and, if configured, the plain-HTTP redirect listener {@link #REDIRECT_SOCKET}.
     *
     * @param builder the server being built (after its {@code server} configuration is applied)
     */
    public void configureServer(WebServerConfig.Builder builder) {
        tls.ifPresent(value -> {
            builder.tls(value);
            if (tlsSettings.redirectPort() >= 0) {
                builder.putSocket(REDIRECT_SOCKET, socket -> socket.host(host).port(tlsSettings.redirectPort()));
                builder.routing(
                        REDIRECT_SOCKET,
                        routing ->
                                routing.any(new HttpsRedirect(() -> server.get().port())));
            }
        });
    }

    /**
     * Adds the security filters to the default listener's routing; call after the correlation filter is added.
     *
     * @param routing the routing being built
     * @param plugins the plugin control plane (its public routes need no token; proxied requests and parsed ones have
     *     different body limits)
     */
    public void addFilters(HttpRouting.Builder routing, PluginHost plugins) {
        routing.addFilter(new SecurityHeadersFilter(
                policy, tls.isPresent() ? Optional.of(tlsSettings.hsts()) : Optional.empty()));
        routing.addFilter(new CorsFilter(cors));
        verifier.ifPresent(v -> routing.addFilter(
                new AuthenticationFilter(v, policy, security.opsRole(), security.viewerRole(), plugins::routeTable)));
        routing.addFilter(new ParsedBodyLimitFilter(plugins, maxBodySize));
    }

    /**
     * Tells the redirect listener the HTTPS port, once the server listens.
     *
     * @param started the started server
     */
    public void started(WebServer started) {
        server.set(started);
    }
}
