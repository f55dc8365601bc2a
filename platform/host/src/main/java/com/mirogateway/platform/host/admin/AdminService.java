package com.mirogateway.platform.host.admin;

import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.host.audit.AuditEntry;
import com.mirogateway.platform.host.audit.AuditLog;
import com.mirogateway.platform.host.audit.AuditService;
import com.mirogateway.platform.host.plugins.PluginHost;
import com.mirogateway.platform.host.plugins.PluginInstaller;
import com.mirogateway.platform.host.plugins.PluginRuntime;
import com.mirogateway.platform.host.plugins.PluginState;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
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
    private final HttpService lifecycle;
    private final AuditLog audit;

    /**
     * Creates the whole ops API: plugins, routes, jobs and cluster membership, plus the live plugin lifecycle ({@code PUT}/{@code DELETE
     * /admin/plugins/{id}}, {@code POST /admin/plugins/{id}/rollback}) and the audit trail ({@code GET /admin/audit}),
     * which records every plugin and route-mode change made through this API.
     *
     * @param plugins the plugin control plane
     * @param loopbackOnly whether only loopback clients may call it
     * @param jobs the jobs endpoints
     * @param routes the route list, route modes and diff reports
     * @param pluginModes the per-plugin route mode endpoints, relative to {@code /admin/plugins}
     * @param cluster {@code GET /admin/cluster}
     * @param installer receives uploaded plugin archives
     * @param audit the audit trail
     */
    public AdminService(
            PluginHost plugins,
            boolean loopbackOnly,
            HttpService jobs,
            HttpService routes,
            HttpService pluginModes,
            HttpService cluster,
            PluginInstaller installer,
            AuditLog audit) {
        this.plugins = plugins;
        this.loopbackOnly = loopbackOnly;
        this.jobs = jobs;
        this.routes = routes;
        this.pluginModes = pluginModes;
        this.cluster = cluster;
        this.lifecycle = new PluginLifecycleService(plugins, installer, audit);
        this.audit = audit;
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
                .any("/plugins/{id}/route-mode", (req, res) -> auditRouteMode(req, res, "plugin:" + pathId(req)))
                .any("/routes/{+rest}", (req, res) -> auditRouteMode(req, res, routeOf(req)))
                .register("/plugins", pluginModes)
                .register("/plugins", lifecycle)
                .register("/routes", routes)
                .register("/jobs", jobs)
                .register("/cluster", cluster);
        rules.register("/audit", new AuditService(audit));
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

    /** Records a route-mode change once its answer is sent; lets the request go on to the route-mode endpoints. */
    private void auditRouteMode(ServerRequest req, ServerResponse res, String target) {
        boolean change = req.prologue().method().equals(Method.PUT)
                || req.prologue().method().equals(Method.DELETE);
        if (change && target != null) {
            String actor = PluginLifecycleService.actor(req);
            String what = req.prologue().method().equals(Method.PUT) ? "set" : "cleared";
            res.whenSent(() -> audit.record(AuditEntry.of(
                    actor,
                    "route-mode",
                    target,
                    null,
                    null,
                    null,
                    res.status().code() < 300
                            ? "ok"
                            : String.valueOf(res.status().code()),
                    "mode " + what)));
        }
        res.next();
    }

    /** The route id of {@code /admin/routes/{routeId}/mode}, or null for other paths under {@code /routes}. */
    private static String routeOf(ServerRequest req) {
        String rest = req.path().pathParameters().get("rest");
        return rest.endsWith("/mode") ? rest.substring(0, rest.length() - "/mode".length()) : null;
    }

    private static String pathId(ServerRequest req) {
        return req.path().pathParameters().get("id");
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
        String action = enable ? "enable" : "disable";
        try {
            PluginRuntime runtime = enable ? plugins.enable(id) : plugins.disable(id);
            String outcome = runtime.state() == PluginState.FAILED && enable ? "plugin-failed" : "ok";
            audit.record(AuditEntry.of(
                    PluginLifecycleService.actor(req),
                    action,
                    id,
                    runtime.version(),
                    runtime.version(),
                    null,
                    outcome,
                    runtime.failure().orElse(null)));
            return runtime;
        } catch (NoSuchElementException e) {
            audit.record(AuditEntry.of(
                    PluginLifecycleService.actor(req), action, id, null, null, null, "plugin-not-found", null));
            throw new ProblemException(Status.NOT_FOUND_404, "plugin-not-found", e.getMessage());
        }
    }

    static Map<String, Object> json(PluginRuntime runtime) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", runtime.id());
        json.put("version", runtime.version());
        json.put("state", runtime.state().name());
        json.put("routes", runtime.claimedRoutes());
        json.put("failureReason", runtime.failure().orElse(null));
        return json;
    }
}
