package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.api.JobHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job types this gateway handles right now, one owner per type. The workers only claim these types, so jobs of a
 * type nobody here handles stay in the queue.
 */
final class HandlerRegistry {
    /** One type's handler; compared by identity, so a re-registration is a different one. */
    static final class Registration {
        private final String type;
        private final JobOwner owner;
        private final JobHandler handler;

        Registration(String type, JobOwner owner, JobHandler handler) {
            this.type = type;
            this.owner = owner;
            this.handler = handler;
        }

        String type() {
            return type;
        }

        JobOwner owner() {
            return owner;
        }

        JobHandler handler() {
            return handler;
        }
    }

    private final Map<String, Registration> byType = new ConcurrentHashMap<>();
    private volatile Set<String> types = Set.of();

    /** Publishes all registrations or none: fails if a type is held by another owner. */
    synchronized void publish(List<Registration> registrations) {
        for (Registration registration : registrations) {
            Registration existing = byType.get(registration.type());
            if (existing != null && existing.owner() != registration.owner()) {
                throw new IllegalStateException("Job type '" + registration.type() + "' is already handled by '"
                        + existing.owner().name() + "'");
            }
        }
        registrations.forEach(r -> byType.put(r.type(), r));
        types = Set.copyOf(byType.keySet());
    }

    synchronized void withdraw(List<Registration> registrations) {
        registrations.forEach(r -> byType.remove(r.type(), r));
        types = Set.copyOf(byType.keySet());
    }

    Set<String> types() {
        return types;
    }

    Optional<Registration> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }
}
