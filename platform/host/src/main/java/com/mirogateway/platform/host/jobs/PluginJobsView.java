package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.api.JobHandler;
import com.mirogateway.platform.api.JobRequest;
import com.mirogateway.platform.host.jobs.HandlerRegistry.Registration;
import com.mirogateway.platform.host.plugins.PluginFacilities.PluginJobs;
import io.helidon.dbclient.DbExecute;
import java.util.ArrayList;
import java.util.List;

/**
 * What one start of a plugin sees as {@code context.jobs()}: handlers collected while {@code start()} runs, published
 * by {@link #activate()}, withdrawn by {@link #deactivate()}; enqueue works at any time.
 */
final class PluginJobsView implements PluginJobs {
    private final JobQueue queue;
    private final JobOwner owner;
    private final List<Registration> registrations = new ArrayList<>();
    private boolean sealed;
    private boolean active;

    PluginJobsView(JobQueue queue, JobOwner owner) {
        this.queue = queue;
        this.owner = owner;
    }

    @Override
    public synchronized void handle(String type, JobHandler handler) {
        if (sealed) {
            throw new IllegalStateException(
                    owner.name() + " registers a job handler after start(): handlers are only accepted in start()");
        }
        JobRequest.builder(type, "{}").build(); // validates the type
        if (registrations.stream().anyMatch(r -> r.type().equals(type))) {
            throw new IllegalArgumentException(owner.name() + " handles job type '" + type + "' twice");
        }
        registrations.add(new Registration(type, owner, handler));
    }

    @Override
    public String enqueue(JobRequest request) {
        return queue.enqueue(request);
    }

    @Override
    public String enqueue(DbExecute transaction, JobRequest request) {
        return queue.enqueue(transaction, request);
    }

    @Override
    public synchronized void activate() {
        sealed = true;
        queue.publish(List.copyOf(registrations));
        active = true;
    }

    @Override
    public synchronized void deactivate() {
        sealed = true;
        if (active) {
            queue.withdraw(List.copyOf(registrations));
            active = false;
        }
    }
}
