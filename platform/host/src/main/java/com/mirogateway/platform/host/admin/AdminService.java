package com.mirogateway.platform.host.admin;

import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.host.plugins.FallbackEntry;
import com.mirogateway.platform.host.plugins.PluginHost;
import com.mirogateway.platform.host.plugins.PluginRuntime;
import com.mirogateway.platform.host.plugins.PluginState;
import com.mirogateway.platform.host.plugins.RouteEntry;
import com.mirogateway.platform.host.plugins.RouteTable;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code /admin}: {@code GET /plugins}, {@code POST /plugins/{id}/enable|disable}, {@code GET /routes}, and the job
 * queue's {@code /jobs} endpoints.
 *
 * <p>Plugin JSON: {@code {id, version, state, routes, failureReason}}; route JSON: {@code {method, path, plugin}}, with
 * fallbacks listed as method {@code *} and path {@code <prefix>/**}.
 */
public final class AdminService implements HttpService {
    private final PluginHost plugins;
    private final boolean loopbackOnly;
    private final HttpService jobs;
    private final HttpService routes;
    private final HttpService pluginModes;
    private final HttpService cluster;

    /**
     * Creates the service.
     *
     * @param plugins the plugin control plane
     * @param loopbackOnly whether only loopback clients may call it
     */
    public AdminService(PluginHost plugins, boolean loopbackOnly) {
        this(plugins, loopbackOnly, rules -> {});
    }

    /**
     * Creates the service with the job queue's ops endpoints under {@code /admin/jobs}.
     *
     * @param plugins the plugin control plane
     * @param loopbackOnly whether only loopback clients may call it
     * @param jobs the jobs endpoints, served behind the same guard
     */
    public AdminService(PluginHost plugins, boolean loopbackOnly, HttpService jobs) {
        this.plugins = plugins;
        this.loopbackOnly = loopbackOnly;
        this.jobs = jobs;
        this.routes = rules -> rules.get("/", (req, res) -> res.send(routes(plugins.routeTable())));
        this.pluginModes = rules -> {};
        this.cluster = rules -> {};
    }

    /**
     * Creates the service with the job queue's endpoints under {@code /admin/jobs} and the migration controls'
     * endpoints under {@code /admin/routes} and {@code /admin/plugins/{id}/route-mode}.
     *
     * @param plugins the plugin control plane
     * @param loopbackOnly whether only loopback clients may call it
     * @param jobs the jobs endpoints
     * @param routes the route list, route modes and diff reports, replacing the plain route list
     * @param pluginModes the per-plugin route mode endpoints, relative to {@code /admin/plugins}
     */
    public AdminService(
            PluginHost plugins, boolean loopbackOnly, HttpService jobs, HttpService routes, HttpService pluginModes) {
        this(plugins, loopbackOnly, jobs, routes, pluginModes, rules -> {});
    }

    /**
     * Creates the service with, besides the above, the cluster's membership under {@code /admin/cluster}.
     *
     * @param plugins the plugin control plane
     * @param loopbackOnly whether only loopback clients may call it
     * @param jobs the jobs endpoints
     * @param routes the route list, route modes and diff reports
     * @param pluginModes the per-plugin route mode endpoints, relative to {@code /admin/plugins}
     * @param cluster {@code GET /admin/cluster}
     */
    public AdminService(
            PluginHost plugins,
            boolean loopbackOnly,
            HttpService jobs,
            HttpService routes,
            HttpService pluginModes,
            HttpService cluster) {
        this.plugins = plugins;
        this.loopbackOnly = loopbackOnly;
        this.jobs = jobs;
        this.routes = routes;
        this.pluginModes = pluginModes;
        this.cluster = cluster;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::guard)
                .get(
                        "/plugins",
                        (req, res) -> res.send(plugins.plugins().stream()
                                .map(AdminService::json)
                                .toList()))
                .post("/plugins/{id}/enable", this::enable)
                .post("/plugins/{id}/disable", this::disable)
                .register("/plugins", pluginModes)
                .register("/routes", routes)
                .register("/jobs", jobs)
                .register("/cluster", cluster);
    }

    private void guard(ServerRequest req, ServerResponse res) {
        if (loopbackOnly
                && !(req.remotePeer().address() instanceof InetSocketAddress address
                        && address.getAddress().isLoopbackAddress())) {
            throw new ProblemException(
                    Status.FORBIDDEN_403,
                    "forbidden",
                    "The ops API only answers loopback clients (admin.loopback-only)");
        }
        res.next();
    }

    private void enable(ServerRequest req, ServerResponse res) {
        PluginRuntime runtime = change(req, true);
        if (runtime.state() == PluginState.FAILED) {
            throw new ProblemException(
                    Status.CONFLICT_409,
                    "plugin-failed",
                    "Plugin '" + runtime.id() + "' failed to start: "
                            + runtime.failure().orElse("unknown reason"));
        }
        res.send(json(runtime));
    }

    private void disable(ServerRequest req, ServerResponse res) {
        res.send(json(change(req, false)));
    }

    private PluginRuntime change(ServerRequest req, boolean enable) {
        String id = req.path().pathParameters().get("id");
        try {
            return enable ? plugins.enable(id) : plugins.disable(id);
        } catch (NoSuchElementException e) {
            throw new ProblemException(Status.NOT_FOUND_404, "plugin-not-found", e.getMessage());
        }
    }

    private static Map<String, Object> json(PluginRuntime runtime) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", runtime.id());
        json.put("version", runtime.version());
        json.put("state", runtime.state().name());
        json.put("routes", runtime.claimedRoutes());
        json.put("failureReason", runtime.failure().orElse(null));
        return json;
    }

    private static List<Map<String, Object>> routes(RouteTable table) {
        List<Map<String, Object>> routes = new ArrayList<>();
        for (RouteEntry route : table.routes()) {
            routes.add(route(route.method().text(), route.path(), route.owner()));
        }
        for (FallbackEntry fallback : table.fallbacks()) {
            routes.add(route("*", fallback.prefix() + "/**", fallback.owner()));
        }
        return routes;
    }

    private static Map<String, Object> route(String method, String path, PluginRuntime owner) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", method);
        json.put("path", path);
        json.put("plugin", owner.id());
        return json;
    }
}
