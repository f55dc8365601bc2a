package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.api.ProblemException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /api/jobs/{jobId}}: a job's state ({@code queued|running|succeeded|failed|dead}), attempts, timestamps and
 * last error, for the client that got the job's {@code Location}. Host-owned: registered in the fixed routing before
 * the plugin dispatcher, so no plugin (and not the legacy fallback) serves it. Unknown ids are 404 problems.
 */
public final class JobStatusService implements HttpService {
    private final JobQueue queue;

    /**
     * Creates the service.
     *
     * @param queue the job queue
     */
    public JobStatusService(JobQueue queue) {
        this.queue = queue;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{jobId}", this::status);
    }

    private void status(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("jobId");
        JobView job = queue.find(id)
                .orElseThrow(() -> new ProblemException(Status.NOT_FOUND_404, "job-not-found", "No job " + id));
        res.send(job.json());
    }
}
