package com.mirogateway.platform.api;

import java.util.Optional;

/**
 * Services shared between plugins, registered and looked up by interface.
 *
 * <p>A service interface must be visible to both plugins from the same class loader: it lives in this SDK or in a
 * plugin that the consumer declares as a PF4J dependency ({@code plugin.dependencies}).
 */
public interface Services {

    /**
     * Registers a service under an interface. The registration is withdrawn when the registering plugin stops.
     *
     * @param type the interface consumers look the service up by
     * @param service the implementation
     * @param <T> the service type
     * @throws IllegalArgumentException if {@code type} is not an interface
     * @throws IllegalStateException if another started plugin already registered a service under {@code type}
     */
    <T> void register(Class<T> type, T service);

    /**
     * Looks a service up.
     *
     * <p>The returned object is a proxy that forwards to the registered implementation with its plugin's class loader
     * as context class loader. Once the providing plugin stops, every call on it throws
     * {@link ServiceUnavailableException}; look the service up again to find a new provider.
     *
     * @param type the service interface
     * @param <T> the service type
     * @return the service, or empty when no started plugin provides it
     */
    <T> Optional<T> find(Class<T> type);
}
