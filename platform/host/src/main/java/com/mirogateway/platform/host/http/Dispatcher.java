package com.mirogateway.platform.host.http;

import com.mirogateway.platform.host.plugins.PluginHost;
import com.mirogateway.platform.host.plugins.PluginRuntimeAccess;
import com.mirogateway.platform.host.plugins.RouteEntry;
import com.mirogateway.platform.host.plugins.RouteTable;
import com.mirogateway.platform.host.plugins.RouteTable.Resolution;
import com.mirogateway.platform.host.routing.ModeRouter;
import com.mirogateway.platform.host.routing.RouteMode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one Helidon route behind which all plugin routes live: reads the live {@link
 * com.mirogateway.platform.host.plugins.RouteTable} and calls the owning plugin's handler.
 *
 * <p>Runs on the request's virtual thread. A request that resolved to a plugin which is being disabled at that moment
 * is resolved again against the new table (at most a few times), so a switch never fails a request. Paths the host
 * serves itself ({@code /admin}, {@code /observe}, {@code /static}) are passed on when no plugin claims them. A path
 * that a plugin's claims or the host's own routes ({@link HostRoutes}) serve with other methods only is answered 405
 * with {@code Allow}, before any fallback to legacy.
 *
 * <p>A claimed route is served in its mode ({@link ModeRouter}): while it is {@code plugin} without fallback (always,
 * until ops set a mode) the dispatcher calls the plugin itself, after one field read.
 */
final class Dispatcher implements Handler {
    private static final int MAX_RESOLVES = 5;
    private static final List<String> HOST_PREFIXES = List.of("/admin", "/observe", "/static");

    private final PluginHost plugins;
    private final RouteMetrics metrics;
    private final ModeRouter modes;
    private final HostRoutes hostRoutes;

    Dispatcher(PluginHost plugins, RouteMetrics metrics, ModeRouter modes, HostRoutes hostRoutes) {
        this.plugins = plugins;
        this.metrics = metrics;
        this.modes = modes;
        this.hostRoutes = hostRoutes;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) throws Exception {
        Method method = req.prologue().method();
        for (int attempt = 0; attempt < MAX_RESOLVES; attempt++) {
            RouteTable table = plugins.routeTable();
            Resolution resolution = table.resolve(method, req.prologue().uriPath());
            switch (resolution) {
                case Resolution.Claimed claimed -> {
                    RouteEntry route = claimed.route();
                    route.redacted(req.prologue().uriPath().rawPath())
                            .ifPresent(path -> req.context().register(new Problems.RedactedPath(path)));
                    if (req instanceof RoutingRequest routing) {
                        routing.path(claimed.routedPath());
                        routing.matchingPattern(route.path());
                    }
                    RouteMode mode = modes.modeOf(route);
                    if (mode.isDirect()
                            ? invoke(PluginRuntimeAccess.call(route), req, res)
                            : modes.serve(mode, route, table, req, res, this::invoke)) {
                        return;
                    }
                }
                case Resolution.Fallback fallback -> {
                    rejectOtherMethods(req, res, Set.of());
                    if (invoke(PluginRuntimeAccess.call(fallback.fallback()), req, res)) {
                        return;
                    }
                }
                case Resolution.MethodNotAllowed notAllowed -> {
                    rejectOtherMethods(req, res, notAllowed.allowed());
                    res.next(); // a host route takes this method but passed the request on
                    return;
                }
                case Resolution.NotFound ignored -> {
                    rejectOtherMethods(req, res, Set.of());
                    if (isHostPath(req)) {
                        res.next();
                        return;
                    }
                    throw new HttpException(
                            "No route serves " + req.prologue().uriPath().path(), Status.NOT_FOUND_404, true);
                }
            }
        }
        throw new HttpException(
                "The route table changed while serving the request; retry", Status.SERVICE_UNAVAILABLE_503, true);
    }

    /**
     * Answers 405 with {@code Allow} when the path is served, by plugins' claims or by the host's own routes, but not
     * with the request's method (the problem body is written by the error handler, as for any status); returns when
     * nothing serves the path, or something serves it with this method.
     */
    private void rejectOtherMethods(ServerRequest req, ServerResponse res, Set<Method> claimed) {
        if (claimed.isEmpty() && !hostRoutes.mayServe(req.prologue().uriPath().path())) {
            return; // every legacy request: nothing serves the path with another method
        }
        Set<Method> allowed = hostRoutes.allowed(req.prologue()); // a new set, in name order
        allowed.addAll(claimed);
        Method method = req.prologue().method();
        if (allowed.isEmpty() || allowed.contains(method)) {
            return;
        }
        res.header(HeaderNames.ALLOW, allowed.stream().map(Method::text).collect(Collectors.joining(", ")));
        throw new HttpException(
                "Method " + method.text() + " is not allowed here", Status.METHOD_NOT_ALLOWED_405, true);
    }

    /** Calls a plugin handler inside its gate; returns false if the plugin was being disabled (resolve again). */
    private boolean invoke(PluginRuntimeAccess.Call call, ServerRequest req, ServerResponse res) throws Exception {
        if (!call.enter()) {
            return false;
        }
        long start = System.nanoTime();
        int status = 500;
        try {
            call.run(req, res);
            status = res.status().code();
            return true;
        } catch (HttpException e) {
            status = e.status().code();
            throw e;
        } catch (com.mirogateway.platform.api.ProblemException e) {
            status = e.status().code();
            throw e;
        } catch (com.mirogateway.platform.api.MiroException e) {
            status = e.toProblem().status().code();
            throw e;
        } finally {
            call.exit();
            metrics.record(
                    call.route(), call.pluginId(), req.prologue().method().text(), status, System.nanoTime() - start);
        }
    }

    private static boolean isHostPath(ServerRequest req) {
        String path = req.prologue().uriPath().path();
        for (String prefix : HOST_PREFIXES) {
            if (RouteTable.startsWithSegments(path, prefix)) {
                return true;
            }
        }
        return false;
    }
}
