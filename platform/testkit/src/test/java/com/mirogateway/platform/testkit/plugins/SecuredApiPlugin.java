package com.mirogateway.platform.testkit.plugins;

import com.mirogateway.platform.api.Caller;
import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PathFormat;
import com.mirogateway.platform.api.PluginContext;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Test plugin for the security and input-limit tests: shows the request's {@link Caller}, validates path parameters,
 * parses JSON, sets its own Cache-Control, logs, answers under {@code /v2}, and claims one public route.
 */
@Extension
public final class SecuredApiPlugin implements GatewayPlugin {
    private static final System.Logger LOG = System.getLogger(SecuredApiPlugin.class.getName());

    /** A JSON body the plugin parses. */
    public record Note(String text, int size) {}

    @Override
    public void start(PluginContext context) {
        context.routes().get("/api/whoami", (req, res) -> {
            Map<String, Object> json = new LinkedHashMap<>();
            Caller.of(req)
                    .ifPresentOrElse(
                            caller -> {
                                json.put("subject", caller.subject());
                                json.put("clientId", caller.clientId().orElse(""));
                                json.put("roles", List.copyOf(caller.roles()));
                            },
                            () -> json.put("subject", "anonymous"));
            LOG.log(System.Logger.Level.INFO, "whoami served");
            res.send(json);
        });
        context.routes()
                .get(
                        "/api/boards/{boardId}",
                        (req, res) -> res.send(Map.of("id", PathFormat.BOARD_ID.require(req, "boardId"))));
        context.routes()
                .get(
                        "/api/boards/{boardId}/items/{itemId}",
                        (req, res) -> res.send(Map.of(
                                "board", PathFormat.BOARD_ID.require(req, "boardId"),
                                "item", PathFormat.ITEM_ID.require(req, "itemId"))));
        context.routes().post("/api/notes", (req, res) -> {
            Note note = req.content().as(Note.class);
            res.status(Status.CREATED_201).send(note);
        });
        context.routes().get("/api/cached", (req, res) -> {
            res.header(HeaderNames.CACHE_CONTROL, "private, max-age=60");
            res.send("cacheable");
        });
        context.routes().get("/v2/boards", (req, res) -> res.send(Map.of("data", List.of())));
        context.routes()
                .claimPublic(
                        Method.POST,
                        "/hooks/{hookSecret}",
                        (req, res) -> res.send(Map.of(
                                "subject", Caller.of(req).map(Caller::subject).orElse("anonymous"))));
        context.routes().post("/hooks/{hookSecret}/private", (req, res) -> res.send("private"));
    }
}
