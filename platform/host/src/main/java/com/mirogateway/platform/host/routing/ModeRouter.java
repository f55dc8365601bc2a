package com.mirogateway.platform.host.routing;

import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.host.plugins.FallbackEntry;
import com.mirogateway.platform.host.plugins.PluginRuntimeAccess;
import com.mirogateway.platform.host.plugins.RouteEntry;
import com.mirogateway.platform.host.plugins.RouteTable;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Serves a request to a claimed route in its mode. Called by the HTTP dispatcher on the request thread, for routes
 * whose mode is not {@linkplain RouteMode#isDirect() direct} (those the dispatcher serves itself).
 *
 * <p>"Legacy" is the fallback that covers the request's path in the same route table (in the distribution, the
 * {@code /api} fallback of the plugin that forwards to the legacy service). When there is none (that plugin disabled): {@code legacy}, {@code shadow} and
 * {@code legacy-vs-legacy} answer 503 {@code legacy-unavailable}; {@code canary} sends every request to the plugin;
 * {@code plugin} has nothing to fall back to.
 */
public final class ModeRouter {
    private static final System.Logger LOG = System.getLogger(ModeRouter.class.getName());

    private final RouteModes modes;
    private final CanarySplit canary;
    private final Shadowing shadowing;

    ModeRouter(RouteModes modes, CanarySplit canary, Shadowing shadowing) {
        this.modes = modes;
        this.canary = canary;
        this.shadowing = shadowing;
    }

    /**
     * Calls one handler inside its plugin's in-flight gate, as the dispatcher does.
     *
     * <p>Implemented by the dispatcher: enters the gate (returning false if the plugin is being disabled, so the
     * request is resolved again), runs the handler, records the request's metrics, exits.
     */
    @FunctionalInterface
    public interface Invoker {
        /**
         * Calls the handler.
         *
         * @param call the handler and its plugin
         * @param req the request
         * @param res the response to write to
         * @return false if the plugin was being disabled and nothing was called
         * @throws Exception whatever the handler threw
         */
        boolean invoke(PluginRuntimeAccess.Call call, ServerRequest req, ServerResponse res) throws Exception;
    }

    /**
     * The mode of a claimed route; one field read while no route has a setting.
     *
     * @param route the claimed route
     * @return its mode
     */
    public RouteMode modeOf(RouteEntry route) {
        return modes.modeOf(route);
    }

    /**
     * Serves a request in its route's mode.
     *
     * @param mode the route's mode, from {@link #modeOf(RouteEntry)}
     * @param route the claimed route (the request's routed path is already set)
     * @param table the route table the route was resolved in
     * @param req the request
     * @param res the response
     * @param invoker how to call a handler
     * @return false if a plugin involved was being disabled: resolve the request again
     * @throws Exception whatever the serving handler threw
     */
    public boolean serve(
            RouteMode mode, RouteEntry route, RouteTable table, ServerRequest req, ServerResponse res, Invoker invoker)
            throws Exception {
        Optional<PluginRuntimeAccess.Call> legacy =
                table.fallbackFor(req.prologue().uriPath().path()).map(fallback -> legacyCall(fallback, route));
        return switch (mode.mode()) {
            case PLUGIN -> plugin(mode, route, legacy, req, res, invoker);
            case LEGACY -> invoker.invoke(required(legacy, route), req, res);
            case CANARY ->
                (legacy.isEmpty() || canary.toPlugin(req, mode))
                        ? plugin(mode, route, legacy, req, res, invoker)
                        : invoker.invoke(legacy.get(), req, res);
            case SHADOW, LEGACY_VS_LEGACY -> shadowing.serve(mode, route, required(legacy, route), req, res, invoker);
        };
    }

    private boolean plugin(
            RouteMode mode,
            RouteEntry route,
            Optional<PluginRuntimeAccess.Call> legacy,
            ServerRequest req,
            ServerResponse res,
            Invoker invoker)
            throws Exception {
        PluginRuntimeAccess.Call call = PluginRuntimeAccess.call(route);
        if (!mode.fallbackToLegacy() || legacy.isEmpty()) {
            return invoker.invoke(call, req, res);
        }
        GuardedResponse guarded = new GuardedResponse(res);
        try {
            return invoker.invoke(call, req, guarded);
        } catch (Exception | LinkageError e) {
            if (!isFailure(e) || guarded.committed() || bodyRead(req)) {
                throw e;
            }
            LOG.log(
                    Level.WARNING,
                    "Plugin ''" + route.owner().id() + "'' failed on " + route.id()
                            + " before responding; legacy answers instead",
                    e);
            guarded.reset();
            return invoker.invoke(legacy.get(), req, res);
        }
    }

    /** Whether the plugin read (part of) the request body, which legacy then could not get. */
    private static boolean bodyRead(ServerRequest req) {
        return req.content().hasEntity() && req.content().consumed();
    }

    /** A failure, as opposed to a deliberate client error such as a 404 problem. */
    static boolean isFailure(Throwable e) {
        return switch (e) {
            case ProblemException problem -> problem.status().code() >= 500;
            case HttpException http -> http.status().code() >= 500;
            default -> true;
        };
    }

    private static PluginRuntimeAccess.Call legacyCall(FallbackEntry fallback, RouteEntry route) {
        return new PluginRuntimeAccess.Call(fallback.owner(), fallback.handler(), route.path());
    }

    private static PluginRuntimeAccess.Call required(Optional<PluginRuntimeAccess.Call> legacy, RouteEntry route) {
        return legacy.orElseThrow(() -> new ProblemException(
                Status.SERVICE_UNAVAILABLE_503,
                "legacy-unavailable",
                "Route " + route.id() + " is served by the legacy service, which is not available right now"));
    }
}
