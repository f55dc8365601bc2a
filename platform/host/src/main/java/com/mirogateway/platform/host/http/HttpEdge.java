package com.mirogateway.platform.host.http;

import com.mirogateway.platform.host.plugins.PluginHost;
import com.mirogateway.platform.host.routing.ModeRouter;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.staticcontent.FileSystemHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Assembles the fixed Helidon routing: the correlation filter, the job status and ops APIs, static assets, the
 * dispatcher over the plugins' route table, and the problem error handler. Host routes are registered through {@link
 * HostRoutes}, so a host path asked with a method it is not served with is a 405. Built once; everything dynamic
 * lives in the route table.
 */
public final class HttpEdge {
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private HttpEdge() {}

    /**
     * The Cache-Control of a static asset: immutable for files under a version folder ({@code <version>/...}), a short
     * max-age for top-level entry points; empty when the path names no file inside the static folder (the 404 then
     * carries no caching).
     */
    static java.util.Optional<String> cacheControl(Path staticDir, String path, Duration entryMaxAge) {
        Path root = staticDir.toAbsolutePath().normalize();
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        boolean versioned = root.relativize(file).getNameCount() > 1;
        return java.util.Optional.of(versioned ? IMMUTABLE : "public, max-age=" + entryMaxAge.toSeconds());
    }

    /**
     * Handlers for errors the server answers before routing, writing problem bodies.
     *
     * @return the direct handlers to give the web server
     */
    public static io.helidon.webserver.http.DirectHandlers directHandlers() {
        return ProblemDirectHandler.handlers();
    }

    /**
     * Configures the routing.
     *
     * @param routing the server's routing builder
     * @param plugins the plugin control plane
     * @param modes serves claimed routes in their migration modes
     * @param jobStatus the job status API ({@code /api/jobs})
     * @param admin the ops API
     * @param console the ops console ({@code /console})
     * @param staticDir the folder of bundled client assets
     * @param staticConfig the {@code static} configuration node
     */
    public static void configure(
            HttpRouting.Builder routing,
            PluginHost plugins,
            ModeRouter modes,
            HttpService jobStatus,
            HttpService admin,
            HttpService console,
            Path staticDir,
            Config staticConfig) {
        Duration entryMaxAge =
                staticConfig.get("entry-max-age").as(Duration.class).orElse(Duration.ofSeconds(60));
        HostRoutes hostRoutes = new HostRoutes();
        HttpRules host = hostRoutes.recording(routing); // every host route through here, for 405s
        routing.addFilter(new CorrelationFilter()).error(Throwable.class, Problems::handle);
        host.register("/api/jobs", jobStatus).register("/admin", admin).register("/console", console);
        if (Files.isDirectory(staticDir)) {
            io.helidon.webserver.http.Handler caching = (req, res) -> {
                String path = req.path().pathParameters().first("path").orElse("index.html");
                cacheControl(staticDir, path, entryMaxAge)
                        .ifPresent(value -> res.header(HeaderNames.CACHE_CONTROL, value));
                res.next();
            };
            for (String pattern : new String[] {"/static", "/static/", "/static/{+path}"}) {
                host.get(pattern, caching).head(pattern, caching);
            }
            host.register(
                    "/static",
                    StaticContentFeature.createService(FileSystemHandlerConfig.builder()
                            .location(staticDir)
                            .welcome("index.html")
                            .build()));
        }
        routing.any(new Dispatcher(plugins, new RouteMetrics(), modes, hostRoutes));
    }
}
