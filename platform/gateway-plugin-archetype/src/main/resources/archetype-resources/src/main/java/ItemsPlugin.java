package ${package};

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import com.mirogateway.platform.api.ProblemException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * The ${pluginId} plugin's wiring: reads its configuration, migrates its table, registers its job handler and claims
 * its routes. The host calls {@link #start} when the plugin is enabled.
 */
@Extension
public final class ItemsPlugin implements GatewayPlugin {
    private static final Pattern ITEM_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Override
    public void start(PluginContext context) {
        ItemsConfig config = ItemsConfig.from(context.config());
        context.store().migrate("db/${pluginId}");
        Views views = new Views(context.store());
        context.jobs().handle(RecordView.TYPE, new RecordView(views));

        context.routes().get("/api/${pluginId}/items/{id}", (req, res) -> {
            String id = itemId(req);
            res.send(new Item(context.pluginId(), id, config.greeting(), views.count(id)));
        });
        context.routes().post("/api/${pluginId}/items/{id}/views", (req, res) -> {
            context.jobs().enqueue(RecordView.TYPE, RecordView.payload(itemId(req)));
            res.status(Status.ACCEPTED_202).send();
        });
    }

    private static String itemId(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (!ITEM_ID.matcher(id).matches()) {
            throw new ProblemException(Status.BAD_REQUEST_400, "bad-item-id", "An item id is 1-64 letters, digits, _ or -");
        }
        return id;
    }

    /** The JSON answer of {@code GET /api/${pluginId}/items/{id}}. */
    record Item(String plugin, String id, String greeting, long views) {}
}
