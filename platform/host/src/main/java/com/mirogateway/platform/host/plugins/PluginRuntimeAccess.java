package com.mirogateway.platform.host.plugins;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * How the HTTP edge calls into a plugin without seeing its internals: enter its gate, run its handler with its class
 * loader, exit.
 */
public final class PluginRuntimeAccess {
    private PluginRuntimeAccess() {}

    /** A prepared call of one route's handler. */
    public record Call(PluginRuntime owner, Handler handler, String route) {
        /** Enters the plugin's gate; false if the plugin is being disabled. */
        public boolean enter() {
            return owner.gate().tryEnter();
        }

        /** Leaves the gate; call once per successful {@link #enter()}. */
        public void exit() {
            owner.gate().exit();
        }

        /** The serving plugin's id. */
        public String pluginId() {
            return owner.id();
        }

        /** Runs the handler with the plugin's context class loader. */
        public void run(ServerRequest req, ServerResponse res) throws Exception {
            owner.withContextClassLoader(() -> {
                handler.handle(req, res);
                return null;
            });
        }
    }

    /** The call for a claimed route. */
    public static Call call(RouteEntry route) {
        return new Call(route.owner(), route.handler(), route.path());
    }

    /** The call for a fallback. */
    public static Call call(FallbackEntry fallback) {
        return new Call(fallback.owner(), fallback.handler(), fallback.prefix() + "/**");
    }
}
