package com.mirogateway.platform.host.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.api.ProblemException;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /admin/audit?limit=}: the latest audit entries, newest first ({@code limit} 1–1000, default 100). */
public final class AuditService implements HttpService {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditLog log;

    /**
     * Creates the service.
     *
     * @param log the audit trail
     */
    public AuditService(AuditLog log) {
        this.log = log;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        String text = req.query().first("limit").orElse(String.valueOf(DEFAULT_LIMIT));
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(
                    Status.BAD_REQUEST_400,
                    "invalid-limit",
                    "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + text + "'");
        }
        try {
            res.header(HeaderValues.CONTENT_TYPE_JSON).send(JSON.writeValueAsBytes(log.latest(limit)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the audit entries as JSON", e);
        }
    }
}
