package com.mirogateway.platform.testkit.jobs;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.JobRequest;
import com.mirogateway.platform.api.PluginContext;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import org.pf4j.Extension;

/**
 * Test plugin with {@code POST /api/demo/jobs?type=&key=&maxAttempts=&count=}: enqueues the request body as the payload
 * ({@code count} times, default once) and answers 202 with {@code Location: /api/jobs/{id}} of the last job.
 */
@Extension
public final class DemoProducerPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        context.routes().post("/api/demo/jobs", (req, res) -> {
            var query = req.query();
            String type = query.first("type").asOptional().orElse(DemoJobsPlugin.TYPE);
            int count = Integer.parseInt(query.first("count").asOptional().orElse("1"));
            String payload = req.content().as(String.class);
            String id = null;
            for (int i = 0; i < count; i++) {
                JobRequest.Builder request = JobRequest.builder(type, payload.isBlank() ? "{}" : payload);
                query.first("key").asOptional().ifPresent(request::idempotencyKey);
                query.first("maxAttempts").asOptional().map(Integer::parseInt).ifPresent(request::maxAttempts);
                id = context.jobs().enqueue(request.build());
            }
            res.status(Status.ACCEPTED_202)
                    .header(HeaderNames.LOCATION, "/api/jobs/" + id)
                    .send();
        });
    }
}
