package com.mirogateway.platform.testkit.plugins;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.api.ServiceUnavailableException;
import io.helidon.http.Status;
import java.util.function.Supplier;
import org.pf4j.Extension;

/** Test plugin using the service of {@link GreeterProviderPlugin}, looked up once at start. */
@Extension
public final class GreeterConsumerPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        Supplier<?> greeter = context.services().find(Supplier.class).orElse(null);
        context.routes().get("/api/greeting", (req, res) -> {
            Supplier<?> current = greeter != null
                    ? greeter
                    : context.services().find(Supplier.class).orElse(null);
            if (current == null) {
                throw new ProblemException(Status.SERVICE_UNAVAILABLE_503, "no-greeter", "no greeter registered");
            }
            try {
                res.send(String.valueOf(current.get()));
            } catch (ServiceUnavailableException e) {
                throw new ProblemException(Status.SERVICE_UNAVAILABLE_503, "greeter-gone", e.getMessage());
            }
        });
    }
}
