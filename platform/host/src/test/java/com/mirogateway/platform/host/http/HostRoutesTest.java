package com.mirogateway.platform.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import org.junit.jupiter.api.Test;

/**
 * The roots {@link HostRoutes} keeps from the host's top-level patterns: a path outside every root is known to be
 * served by no host route without matching one, and a registration whose extent is unknown makes every path count.
 */
class HostRoutesTest {
    private static final Handler OK = (req, res) -> res.send("ok");
    private static final HttpService JOBS = rules -> rules.get("/{id}", OK);

    @Test
    void pathsOutsideTheRegisteredRootsAreServedByNoHostRoute() {
        HostRoutes routes = new HostRoutes();
        HttpRouting.Builder routing = HttpRouting.builder();
        routes.recording(routing)
                .register("/api/jobs", JOBS)
                .get("/static/{+path}", OK)
                .head("/static/", OK);
        routing.build(); // sets the services' routes up

        assertThat(routes.mayServe("/api/jobs")).isTrue();
        assertThat(routes.mayServe("/api/jobs/17")).isTrue();
        assertThat(routes.mayServe("/static")).isTrue();
        assertThat(routes.mayServe("/static/app.js")).isTrue();
        assertThat(routes.mayServe("/api/jobsx")).isFalse();
        assertThat(routes.mayServe("/api/boards/1")).isFalse();
        assertThat(routes.mayServe("/staticky")).isFalse();
        assertThat(routes.allowed(prologue("/api/jobs/17"))).containsExactly(Method.GET);
        assertThat(routes.allowed(prologue("/static/app.js"))).containsExactly(Method.GET);
    }

    @Test
    void aServiceWithoutAPatternOrARouteWithoutOneMakesEveryPathCount() {
        HostRoutes unpatterned = new HostRoutes();
        unpatterned.recording(HttpRouting.builder()).register(JOBS);
        HostRoutes matcherRoute = new HostRoutes();
        matcherRoute
                .recording(HttpRouting.builder())
                .route(HttpRoute.builder()
                        .methods(Method.GET)
                        .path("/x")
                        .handler(OK)
                        .build());
        HostRoutes parameterFirst = new HostRoutes();
        parameterFirst.recording(HttpRouting.builder()).get("/{tenant}/jobs", OK);

        assertThat(unpatterned.mayServe("/anything")).isTrue();
        assertThat(matcherRoute.mayServe("/anything")).isTrue();
        assertThat(parameterFirst.mayServe("/anything")).isTrue();
    }

    @Test
    void routesInsideAServiceDoNotAddRoots() {
        HostRoutes routes = new HostRoutes();
        routes.recording(HttpRouting.builder())
                .register(
                        "/admin",
                        rules -> rules.get("/plugins", OK)
                                .route(HttpRoute.builder()
                                        .methods(Method.POST)
                                        .path("/x")
                                        .handler(OK)
                                        .build()));

        assertThat(routes.mayServe("/admin/plugins")).isTrue();
        assertThat(routes.mayServe("/plugins")).isFalse();
        assertThat(routes.mayServe("/x")).isFalse();
    }

    private static HttpPrologue prologue(String path) {
        return HttpPrologue.create(
                "HTTP/1.1",
                "HTTP",
                "1.1",
                Method.PUT,
                io.helidon.common.uri.UriPath.create(path),
                io.helidon.common.uri.UriQuery.empty(),
                io.helidon.common.uri.UriFragment.empty());
    }
}
