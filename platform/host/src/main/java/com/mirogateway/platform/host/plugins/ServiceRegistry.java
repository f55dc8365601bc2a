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
 * A proxy finds the current registration of its interface on every call and holds only the interface and the
 * provider's id, so after a live upgrade it calls the new version, and a consumer never pins an old version's
 * instance or class loader.
 */
final class ServiceRegistry {
    private final Map<Class<?>, Registration> registrations = new ConcurrentHashMap<>();

    /** One registration; compared by identity, so a re-registration is a different one. */
    private static final class Registration {
        private final Object service;
        private final PluginRuntime owner;

        Registration(Object service, PluginRuntime owner) {
            this.service = service;
            this.owner = owner;
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
        services.forEach((type, service) -> registrations.put(type, new Registration(service, owner)));
    }

    /**
     * Replaces one version's services by its successor's in one step; fails, changing nothing, if another plugin holds
     * one of the successor's interfaces.
     */
    synchronized void replace(PluginRuntime old, PluginRuntime successor, Map<Class<?>, Object> services) {
        for (Class<?> type : services.keySet()) {
            Registration existing = registrations.get(type);
            if (existing != null && existing.owner() != old && existing.owner() != successor) {
                throw new IllegalStateException("Service " + type.getName() + " is already registered by plugin '"
                        + existing.owner().id() + "'");
            }
        }
        registrations.values().removeIf(r -> r.owner() == old);
        services.forEach((type, service) -> registrations.put(type, new Registration(service, successor)));
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
                type.getClassLoader(),
                new Class<?>[] {type},
                new ForwardingHandler(this, type, registration.owner().id()));
        return Optional.of(type.cast(proxy));
    }

    private record ForwardingHandler(ServiceRegistry registry, Class<?> type, String provider)
            implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "ServiceProxy[" + type.getName() + " from " + provider + "]";
                };
            }
            Registration registration = registry.registrations.get(type);
            if (registration == null
                    || !registration.owner().id().equals(provider)
                    || !registration.owner().gate().tryEnter()) {
                throw new ServiceUnavailableException(
                        "Service " + type.getName() + " is unavailable: plugin '" + provider + "' stopped");
            }
            PluginRuntime owner = registration.owner();
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
