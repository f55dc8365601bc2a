package com.mirogateway.platform.testkit.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import io.helidon.http.Status;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Test plugin for the host's edge behaviour: routes outside {@code /api}, JSON bodies, failures, slow handlers,
 * logging and its config section.
 */
@Extension
public final class EdgeCasesPlugin implements GatewayPlugin {
    private static final System.Logger LOG = System.getLogger(EdgeCasesPlugin.class.getName());

    /** A JSON body the plugin reads. */
    public record Note(String text, int size) {}

    @Override
    public void start(PluginContext context) {
        String greeting = context.config().get("greeting").asString().orElse("unset");
        context.routes()
                .get(
                        "/things/{id}",
                        (req, res) -> res.send(
                                Map.of("id", req.path().pathParameters().get("id"))));
        context.routes().post("/things/notes", (req, res) -> {
            Note note = req.content().as(Note.class);
            res.status(Status.CREATED_201).send(note);
        });
        context.routes().get("/things/fail", (req, res) -> {
            throw new IllegalStateException("secret internal detail: password=hunter2");
        });
        context.routes().get("/things/slow", (req, res) -> {
            Thread.sleep(Long.parseLong(req.query().first("ms").orElse("300")));
            res.send("slow done");
        });
        context.routes().get("/things/log", (req, res) -> {
            LOG.log(System.Logger.Level.INFO, "hello from the edge plugin");
            res.send("logged");
        });
        context.routes().get("/things/config", (req, res) -> res.send(greeting));
    }
}
