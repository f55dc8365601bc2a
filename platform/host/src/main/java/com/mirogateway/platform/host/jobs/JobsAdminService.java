package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.api.ProblemException;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs part of the ops API, mounted at {@code /admin/jobs} behind the admin guard.
 *
 * <ul>
 *   <li>{@code GET /admin/jobs?state=&type=&limit=&cursor=}: {@code {data: [job...], cursor}} in enqueue order;
 *       {@code limit} 1–500 (default 50); {@code cursor} is absent on the last page; a bad parameter is a 400 problem;
 *   <li>{@code POST /admin/jobs/{jobId}/retry}: a dead or failed job is queued now with its attempts reset (409 if the
 *       job is in another state, 404 if unknown);
 *   <li>{@code DELETE /admin/jobs/{jobId}}: 204; a running job cannot be deleted (409);
 *   <li>{@code GET /admin/jobs/counts}: {@code {states: {queued, running, succeeded, failed, dead}, types: {type:
 *       {state: count}}}}, one grouped query;
 *   <li>{@code POST /admin/jobs/retry?state=dead|failed&type=}: every matching job queued again in one statement,
 *       {@code {retried: n}};
 *   <li>{@code DELETE /admin/jobs?state=&type=}: every matching job deleted in one statement, {@code {deleted: n}};
 *       {@code state} is required and not {@code running}.
 * </ul>
 */
public final class JobsAdminService implements HttpService {
    private static final int MAX_LIMIT = 500;

    private final JobQueue queue;

    /**
     * Creates the service.
     *
     * @param queue the job queue
     */
    public JobsAdminService(JobQueue queue) {
        this.queue = queue;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .get("/counts", this::counts)
                .post("/retry", this::retryAll)
                .delete("/", this::deleteAll)
                .post("/{jobId}/retry", this::retry)
                .delete("/{jobId}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Parameters query = req.query();
        Optional<JobState> state = state(query);
        Optional<String> type = type(query);
        int limit =
                query.first("limit").asOptional().map(JobsAdminService::limit).orElse(50);
        Optional<String> cursor = query.first("cursor").asOptional();
        JobPage page;
        try {
            page = queue.page(state, type, limit, cursor);
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", page.jobs().stream().map(JobView::json).toList());
        page.cursor().ifPresent(c -> json.put("cursor", c));
        res.send(json);
    }

    private void counts(ServerRequest req, ServerResponse res) {
        Map<String, Long> states = new LinkedHashMap<>();
        for (JobState state : JobState.values()) {
            states.put(state.dbName(), 0L);
        }
        Map<String, Map<String, Long>> types = new LinkedHashMap<>();
        queue.counts().forEach((type, byState) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            byState.forEach((state, count) -> {
                counts.put(state.dbName(), count);
                states.merge(state.dbName(), count, Long::sum);
            });
            types.put(type, counts);
        });
        res.send(new JobCounts(states, types));
    }

    private void retryAll(ServerRequest req, ServerResponse res) {
        JobState state = state(req.query())
                .filter(s -> s == JobState.DEAD || s == JobState.FAILED)
                .orElseThrow(() -> badRequest("state must be dead or failed: only those jobs can be retried"));
        res.send(Map.of("retried", queue.retryAll(state, type(req.query()))));
    }

    private void deleteAll(ServerRequest req, ServerResponse res) {
        JobState state = state(req.query())
                .filter(s -> s != JobState.RUNNING)
                .orElseThrow(() -> badRequest("state is required and must be one of queued, succeeded, failed, dead"));
        res.send(Map.of("deleted", queue.deleteAll(state, type(req.query()))));
    }

    /** The body of {@code GET /admin/jobs/counts}. */
    record JobCounts(Map<String, Long> states, Map<String, Map<String, Long>> types) {}

    private static Optional<JobState> state(Parameters query) {
        return query.first("state")
                .asOptional()
                .filter(s -> !s.isBlank())
                .map(s -> JobState.parse(s)
                        .orElseThrow(
                                () -> badRequest("state must be one of queued, running, succeeded, failed, dead")));
    }

    private static Optional<String> type(Parameters query) {
        return query.first("type").asOptional().filter(t -> !t.isBlank());
    }

    private void retry(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("jobId");
        JobView job = require(id);
        if (!queue.retry(id)) {
            throw new ProblemException(
                    Status.CONFLICT_409,
                    "job-not-retryable",
                    "Job " + id + " is " + job.state().dbName() + "; only dead or failed jobs can be retried");
        }
        res.send(require(id).json());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("jobId");
        JobView job = require(id);
        if (!queue.delete(id)) {
            throw new ProblemException(
                    Status.CONFLICT_409,
                    "job-running",
                    "Job " + id + " is " + job.state().dbName() + " and cannot be deleted now");
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private JobView require(String id) {
        return queue.find(id)
                .orElseThrow(() -> new ProblemException(Status.NOT_FOUND_404, "job-not-found", "No job " + id));
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static ProblemException badRequest(String detail) {
        return new ProblemException(Status.BAD_REQUEST_400, "bad-request", detail);
    }
}
