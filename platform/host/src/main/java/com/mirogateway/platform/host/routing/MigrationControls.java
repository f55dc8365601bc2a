package com.mirogateway.platform.host.routing;

import com.mirogateway.platform.host.cluster.ChangeChannel;
import com.mirogateway.platform.host.plugins.PluginHost;
import com.mirogateway.platform.host.store.HostStore;
import io.helidon.config.Config;
import io.helidon.webserver.http.HttpService;

/**
 * The migration controls of one gateway: route modes, the shadow comparisons and their reports, and their ops API.
 *
 * <p>Created after the store opened (applies its own migrations, owner {@value #STORE_OWNER}) and before the web
 * server starts; closed after the server stopped and before the store closes, writing pending comparison results.
 */
public final class MigrationControls implements AutoCloseable {
    /** The owner name of this package's migrations in the store. */
    public static final String STORE_OWNER = "host-routing";

    private static final String MIGRATIONS = "com/mirogateway/platform/host/routing/migration";

    private final RouteModes modes;
    private final DiffRecorder recorder;
    private final Shadowing shadowing;
    private final ModeRouter router;
    private final RoutesAdminService admin;

    private MigrationControls(
            RoutingConfig config,
            ConfiguredModes configured,
            HostStore store,
            PluginHost plugins,
            ChangeChannel channel) {
        store.forOwner(STORE_OWNER, MigrationControls.class.getClassLoader()).migrate(MIGRATIONS);
        DiffStore diffs = new DiffStore(store, config.keepMismatches());
        this.modes = new RouteModes(new RouteModeStore(store), configured, config.refreshInterval(), channel);
        this.recorder = new DiffRecorder(diffs, config.flushInterval());
        this.shadowing = new Shadowing(config, recorder);
        this.router = new ModeRouter(modes, new CanarySplit(config.stickyKey(), config.forceHeader()), shadowing);
        this.admin = new RoutesAdminService(plugins, modes, recorder, diffs, config.keepMismatches());
    }

    /**
     * Creates the controls from configuration.
     *
     * @param config the whole gateway configuration ({@code routing} and every {@code plugins.<id>.route-modes})
     * @param store the host store
     * @param plugins the plugin control plane (for the ops API's view of the route table)
     * @param channel the cluster's change channel, carrying mode changes between gateways sharing the store
     * @return the controls
     * @throws InvalidRouteModeException if a mode setting in the configuration is unusable
     * @throws com.mirogateway.platform.api.StoreException if the store cannot be migrated or read
     */
    public static MigrationControls create(Config config, HostStore store, PluginHost plugins, ChangeChannel channel) {
        RoutingConfig routing = RoutingConfig.from(config.get("routing"));
        return new MigrationControls(
                routing, ConfiguredModes.from(config.get("plugins"), routing.defaultMode()), store, plugins, channel);
    }

    /** What the dispatcher calls for routes whose mode is not direct. */
    public ModeRouter router() {
        return router;
    }

    /** {@code /admin/routes}: the route list, modes and diff reports. */
    public HttpService routesAdmin() {
        return admin;
    }

    /** {@code /admin/plugins/{id}/route-mode}. */
    public HttpService pluginModesAdmin() {
        return admin.pluginModes();
    }

    /** Stops refreshing modes and starting comparisons; writes pending comparison results to the store. */
    @Override
    public void close() {
        modes.close();
        shadowing.close();
        recorder.close();
    }
}
