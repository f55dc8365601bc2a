package com.mirogateway.platform.host.plugins;

import java.util.List;
import java.util.Optional;

/** The class-file prefixes a plugin archive must not contain, because the host provides those classes. */
final class PlatformClasses {
    private static final List<String> FORBIDDEN = HostFirstClassLoader.HOST_PACKAGES.stream()
            .filter(p -> !p.startsWith("java"))
            .map(p -> p.replace('.', '/'))
            .toList();

    private PlatformClasses() {}

    /**
     * The forbidden prefix an archive entry lies under.
     *
     * @param entryName a zip entry name such as {@code io/helidon/webserver/WebServer.class}
     * @return the prefix followed by {@code **}, or empty if the entry is allowed
     */
    static Optional<String> matching(String entryName) {
        if (!entryName.endsWith(".class")) {
            return Optional.empty();
        }
        return FORBIDDEN.stream()
                .filter(entryName::startsWith)
                .map(p -> p + "**")
                .findFirst();
    }
}
