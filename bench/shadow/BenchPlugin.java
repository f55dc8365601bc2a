package bench;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import java.nio.charset.StandardCharsets;
import org.pf4j.Extension;

/**
 * The "migrated" feature of the shadow benchmark: claims {@code GET /api/bench/items} and answers the same JSON as the
 * upstream, with its members in another order, so every comparison runs the structural diff and matches.
 */
@Extension
public final class BenchPlugin implements GatewayPlugin {
    private static final byte[] BODY = ("{\"items\":[1,2,3,4,5,6,7,8],\"service\":\"legacy\",\"ok\":true,"
                    + "\"board\":{\"owner\":\"3458764517517852417\",\"name\":\"Bench board\",\"id\":\"uXjVOfjkmAk=\","
                    + "\"description\":\"A fixed upstream response used to compare proxies\"}}")
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public void start(PluginContext context) {
        context.routes().get("/api/bench/items", (req, res) -> {
            res.header("Content-Type", "application/json");
            res.send(BODY);
        });
    }
}
