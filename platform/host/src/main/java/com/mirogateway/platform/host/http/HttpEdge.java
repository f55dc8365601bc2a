package com.mirogateway.platform.host.http;

import com.mirogateway.platform.host.plugins.PluginHost;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.staticcontent.FileSystemHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Assembles the fixed Helidon routing: the correlation filter, the ops API, static assets, the dispatcher over the
 * plugins' route table, and the problem error handler. Built once; everything dynamic lives in the route table.
 */
public final class HttpEdge {
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private HttpEdge() {}

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
     * @param admin the ops API
     * @param staticDir the folder of bundled client assets
     * @param staticConfig the {@code static} configuration node
     */
    public static void configure(
            HttpRouting.Builder routing, PluginHost plugins, HttpService admin, Path staticDir, Config staticConfig) {
        Duration entryMaxAge =
                staticConfig.get("entry-max-age").as(Duration.class).orElse(Duration.ofSeconds(60));
        routing.addFilter(new CorrelationFilter())
                .error(Throwable.class, Problems::handle)
                .register("/admin", admin);
        if (Files.isDirectory(staticDir)) {
            routing.get("/static/{+path}", (req, res) -> {
                        String path = req.path().pathParameters().get("path");
                        int slash = path.indexOf('/');
                        boolean versioned = slash > 0 && Files.isDirectory(staticDir.resolve(path.substring(0, slash)));
                        res.header(
                                HeaderNames.CACHE_CONTROL,
                                versioned ? IMMUTABLE : "public, max-age=" + entryMaxAge.toSeconds());
                        res.next();
                    })
                    .register(
                            "/static",
                            StaticContentFeature.createService(FileSystemHandlerConfig.builder()
                                    .location(staticDir)
                                    .welcome("index.html")
                                    .build()));
        }
        routing.any(new Dispatcher(plugins, new RouteMetrics()));
    }
}
