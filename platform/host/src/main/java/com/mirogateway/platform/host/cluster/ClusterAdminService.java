package com.mirogateway.platform.host.cluster;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/cluster}, behind the admin guard: {@code {instances: [{id, host, version, startedAt, heartbeatAt,
 * state}]}}, times in ISO-8601, {@code state} {@code up} or {@code gone} (no heartbeat for {@code cluster.gone-after}).
 */
final class ClusterAdminService implements HttpService {
    private final Membership membership;

    ClusterAdminService(Membership membership) {
        this.membership = membership;
    }

    /** The answer's body. */
    record Listing(List<Member> instances) {}

    /** One instance as listed. */
    record Member(String id, String host, String version, String startedAt, String heartbeatAt, String state) {
        static Member of(Membership.Instance instance) {
            return new Member(
                    instance.id(),
                    instance.host(),
                    instance.version(),
                    Instant.ofEpochMilli(instance.startedAt()).toString(),
                    Instant.ofEpochMilli(instance.heartbeatAt()).toString(),
                    instance.up() ? "up" : "gone");
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        res.send(new Listing(membership.instances().stream().map(Member::of).toList()));
    }
}
