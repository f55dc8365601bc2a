package ${package};

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.api.Job;
import com.mirogateway.platform.api.JobHandler;

/**
 * Counts one view of an item. Runs on a queue worker; a throw is retried with backoff (at least once delivery, so a
 * view may count twice after a crash: fine for a counter, not for money).
 */
final class RecordView implements JobHandler {
    static final String TYPE = "${pluginId}.record-view";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Views views;

    RecordView(Views views) {
        this.views = views;
    }

    /** The job payload for an item id (validated by the route: no characters to escape). */
    static String payload(String itemId) {
        return "{\"id\":\"" + itemId + "\"}";
    }

    @Override
    public void run(Job job) throws Exception {
        views.add(JSON.readTree(job.payloadJson()).path("id").asText());
    }
}
