package com.mirogateway.platform.host;

import com.mirogateway.platform.host.admin.AdminService;
import com.mirogateway.platform.host.audit.AuditLog;
import com.mirogateway.platform.host.cluster.PluginFollower;
import com.mirogateway.platform.host.console.ConsoleService;
import com.mirogateway.platform.host.http.HttpEdge;
import com.mirogateway.platform.host.http.MetricsEndpoint;
import com.mirogateway.platform.host.plugins.ArchiveVerifier;
import com.mirogateway.platform.host.plugins.JarSignatures;
import com.mirogateway.platform.host.plugins.PlatformVersion;
import com.mirogateway.platform.host.plugins.PluginArchives;
import com.mirogateway.platform.host.plugins.PluginHost;
import com.mirogateway.platform.host.plugins.PluginInstaller;
import com.mirogateway.platform.host.plugins.PluginsHealthCheck;
import com.mirogateway.platform.host.plugins.StoredArchives;
import com.mirogateway.platform.host.routing.MigrationControls;
import com.mirogateway.platform.host.security.EdgeSecurity;
import com.mirogateway.platform.host.security.PluginSignatureSettings;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A running gateway: web server, plugins and ops API, assembled from configuration.
 *
 * <p>{@link #start(Config, Path)} returns once the server listens; {@link #close()} stops accepting requests, lets
 * in-flight ones finish within {@code server.shutdown-grace-period}, then stops the plugins.
 */
public final class Gateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final WebServer server;
    private final PluginHost plugins;
    private final HostFacilities facilities;
    private final MigrationControls migration;

    private Gateway(WebServer server, PluginHost plugins, HostFacilities facilities, MigrationControls migration) {
        this.server = server;
        this.plugins = plugins;
        this.facilities = facilities;
        this.migration = migration;
    }

    /**
     * Starts a gateway.
     *
     * @param config the merged configuration (see {@link com.mirogateway.platform.host.config.GatewayConfig})
     * @param home the directory relative paths in the configuration are resolved against
     * @return the started gateway
     * @throws IllegalStateException if the web server could not start (the plugins are stopped again)
     * @throws com.mirogateway.platform.host.security.SecurityConfigException if the security configuration is unusable
     *     (for example no {@code security.issuer} while security is on); nothing is started
     */
    public static Gateway start(Config config, Path home) {
        Config gateway = config.get("gateway");
        Path dataDir = home.resolve(gateway.get("data-dir").asString().orElse("data"));
        Path pluginsDir = home.resolve(gateway.get("plugins-dir").asString().orElse("plugins"));
        Path staticDir = home.resolve(gateway.get("static-dir").asString().orElse("static"));
        Path consoleDir = home.resolve(gateway.get("console-dir").asString().orElse("console"));
        Duration drain = gateway.get("drain-timeout").as(Duration.class).orElse(Duration.ofSeconds(30));

        EdgeSecurity security = EdgeSecurity.create(config, home); // refuses to start before anything else runs
        Optional<JarSignatures> signatures =
                PluginSignatureSettings.from(config.get("plugins").get("signature"), home);
        HostFacilities facilities = HostFacilities.open(config, dataDir); // the store: refuses to start on failure
        Path archivesDir = dataDir.resolve("plugin-archives");
        PluginArchives archives;
        AuditLog audit;
        try {
            archives = StoredArchives.open(
                    facilities.store().forOwner(StoredArchives.STORE_OWNER, Gateway.class.getClassLoader()),
                    archivesDir,
                    PluginFollower.announcer(facilities.cluster().channel()));
            audit = AuditLog.open(facilities.store().forOwner(AuditLog.STORE_OWNER, Gateway.class.getClassLoader()));
        } catch (RuntimeException e) {
            facilities.close();
            throw e;
        }
        PluginHost plugins = new PluginHost(
                config,
                pluginsDir,
                dataDir.resolve("plugin-state.properties"),
                drain,
                facilities.store(),
                facilities,
                archives,
                signatures);
        PluginInstaller installer = new PluginInstaller(
                plugins, new ArchiveVerifier(PlatformVersion.current(), signatures), archivesDir.resolve(".incoming"));
        MigrationControls migration = null;
        try {
            migration = MigrationControls.create(
                    config, facilities.store(), plugins, facilities.cluster().channel());
            plugins.start();
            PluginFollower.follow(facilities.cluster().channel(), plugins);
            facilities.queue().start();
            boolean loopbackOnly = security.adminLoopbackOnly();
            MigrationControls routingControls = migration;
            WebServer server = WebServer.builder()
                    .config(config.get("server"))
                    .shutdownHook(false)
                    .directHandlers(HttpEdge.directHandlers())
                    .addFeature(ObserveFeature.just(
                            HealthObserver.builder()
                                    .details(true)
                                    .addCheck(new PluginsHealthCheck(plugins))
                                    .addCheck(facilities.healthCheck())
                                    .build(),
                            MetricsEndpoint.create()))
                    .routing(routing -> {
                        HttpEdge.configure(
                                routing,
                                plugins,
                                routingControls.router(),
                                facilities.jobStatus(),
                                new AdminService(
                                        plugins,
                                        loopbackOnly,
                                        facilities.jobsAdmin(),
                                        routingControls.routesAdmin(),
                                        routingControls.pluginModesAdmin(),
                                        facilities.cluster().admin(),
                                        installer,
                                        audit),
                                ConsoleService.create(config, consoleDir, security.issuer(), loopbackOnly),
                                staticDir,
                                config.get("static"));
                        security.addFilters(routing, plugins); // after the correlation filter HttpEdge added
                    })
                    .update(security::configureServer)
                    .build()
                    .start();
            security.started(server);
            if (!server.isRunning()) { // Helidon logs why (e.g. the port is taken) and returns a stopped server
                throw new IllegalStateException("The web server failed to start; see the errors logged before this");
            }
            LOG.log(Level.INFO, "Gateway listening on port {0,number,#}", server.port());
            return new Gateway(server, plugins, facilities, migration);
        } catch (RuntimeException e) {
            facilities.stopWorkers();
            if (migration != null) {
                migration.close();
            }
            plugins.close();
            facilities.close();
            throw e;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /**
     * The port of a named listener, such as {@link EdgeSecurity#REDIRECT_SOCKET}.
     *
     * @param listener the listener's name
     * @return its port, or -1 if there is no such listener
     */
    public int port(String listener) {
        return server.port(listener);
    }

    /** The plugin control plane. */
    public PluginHost plugins() {
        return plugins;
    }

    @Override
    public void close() {
        server.stop();
        facilities.stopWorkers(); // before the plugins stop: running jobs finish or are released
        migration.close(); // no new comparisons; pending results written while the store is open
        plugins.close();
        facilities.close();
        LOG.log(Level.INFO, "Gateway stopped");
    }
}
