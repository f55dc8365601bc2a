package com.mirogateway.plugins.legacyproxy.migration;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * The migrated feature the mode tests switch between: claims {@code /api/boards/{boardId}} for every method.
 *
 * <p>GET answers the same board JSON as the legacy stub with the members in another order, except for some ids:
 * {@code diff} (another name), {@code ignored} (another {@code createdAt} and {@code etag}), {@code secret} (another
 * {@code token}), {@code hang} (blocks until interrupted, at most 20 s), {@code throw} (throws before answering).
 * Writes answer {@code plugin write}. {@code GET /api/probe/calls} tells the test how often each method ran and how
 * many calls hang right now (the test cannot see this class's statics: the plugin has its own class loader).
 */
@Extension
public final class MigratedBoardsPlugin implements GatewayPlugin {
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final AtomicInteger HANGING = new AtomicInteger();
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    @Override
    public void start(PluginContext context) {
        for (Method method : new Method[] {Method.GET, Method.POST, Method.PUT, Method.PATCH, Method.DELETE}) {
            context.routes().claim(method, "/api/boards/{boardId}", MigratedBoardsPlugin::board);
        }
        context.routes().get("/api/probe/calls", MigratedBoardsPlugin::probe);
    }

    private static void board(ServerRequest req, ServerResponse res) throws InterruptedException {
        String method = req.prologue().method().text();
        CALLS.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        if (!method.equals("GET")) {
            res.send("plugin write");
            return;
        }
        String id = req.path().pathParameters().get("boardId");
        switch (id) {
            case "hang" -> {
                HANGING.incrementAndGet();
                try {
                    NEVER.await(20, TimeUnit.SECONDS);
                } finally {
                    HANGING.decrementAndGet();
                }
            }
            case "throw" -> throw new IllegalStateException("the plugin broke");
            default -> {
                // answered below
            }
        }
        String name = id.equals("diff") ? "Plugin name" : "Board " + id;
        String extra = switch (id) {
            case "ignored" -> ",\"etag\":\"p-1\",\"createdAt\":\"2026-01-02T00:00:00Z\"";
            case "secret" -> ",\"token\":\"plugin-secret\"";
            default -> "";
        };
        res.header("Content-Type", "application/json");
        res.send("{\"tags\":[\"a\",\"b\"],\"owner\":{\"name\":\"Ann\",\"id\":\"u1\"},\"name\":\"" + name
                + "\",\"id\":\"" + id + "\"" + extra + "}");
    }

    private static void probe(ServerRequest req, ServerResponse res) {
        Map<String, Integer> calls = new TreeMap<>();
        CALLS.forEach((method, count) -> calls.put(method, count.get()));
        res.header("Content-Type", "application/json");
        res.send("{"
                + calls.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                        .collect(Collectors.joining(","))
                + (calls.isEmpty() ? "" : ",") + "\"hanging\":" + HANGING.get() + "}");
    }
}
