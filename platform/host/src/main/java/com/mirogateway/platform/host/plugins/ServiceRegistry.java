package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.api.ServiceUnavailableException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Services shared between plugins, one provider per interface.
 *
 * <p>Lookups return proxies: each call enters the provider's {@link InFlightGate} (so a disable waits for it), runs with
 * the provider's context class loader, and fails with {@link ServiceUnavailableException} once the provider stopped.
 * Consumers therefore never pin a stopped provider's instance.
 */
final class ServiceRegistry {
    private final Map<Class<?>, Registration> registrations = new ConcurrentHashMap<>();

    /** One registration; compared by identity, so a re-registration is a different one. */
    private static final class Registration {
        private final Class<?> type;
        private final Object service;
        private final PluginRuntime owner;

        Registration(Class<?> type, Object service, PluginRuntime owner) {
            this.type = type;
            this.service = service;
            this.owner = owner;
        }

        Class<?> type() {
            return type;
        }

        Object service() {
            return service;
        }

        PluginRuntime owner() {
            return owner;
        }
    }

    /** Publishes a started plugin's services; fails without publishing any if one interface is taken. */
    synchronized void publish(PluginRuntime owner, Map<Class<?>, Object> services) {
        for (Class<?> type : services.keySet()) {
            Registration existing = registrations.get(type);
            if (existing != null && existing.owner() != owner) {
                throw new IllegalStateException("Service " + type.getName() + " is already registered by plugin '"
                        + existing.owner().id() + "'");
            }
        }
        services.forEach((type, service) -> registrations.put(type, new Registration(type, service, owner)));
    }

    synchronized void withdraw(PluginRuntime owner) {
        registrations.values().removeIf(r -> r.owner() == owner);
    }

    <T> Optional<T> find(Class<T> type) {
        Registration registration = registrations.get(type);
        if (registration == null) {
            return Optional.empty();
        }
        Object proxy = Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, new ForwardingHandler(this, registration));
        return Optional.of(type.cast(proxy));
    }

    private boolean isCurrent(Registration registration) {
        return registrations.get(registration.type()) == registration;
    }

    private record ForwardingHandler(ServiceRegistry registry, Registration registration) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default ->
                        "ServiceProxy[" + registration.type().getName() + " from "
                                + registration.owner().id() + "]";
                };
            }
            PluginRuntime owner = registration.owner();
            if (!registry.isCurrent(registration) || !owner.gate().tryEnter()) {
                throw new ServiceUnavailableException("Service "
                        + registration.type().getName() + " is unavailable: plugin '" + owner.id() + "' stopped");
            }
            try {
                return owner.withContextClassLoader(() -> method.invoke(registration.service(), args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                owner.gate().exit();
            }
        }
    }
}
