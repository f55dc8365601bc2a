package com.mirogateway.platform.host.plugins;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.PluginDependency;

/**
 * An uploaded archive that passed every check of {@link ArchiveVerifier}.
 *
 * @param pluginId its {@code plugin.id}
 * @param version its {@code plugin.version}
 * @param dependencies its PF4J dependencies, as declared
 * @param digest its SHA-256 in {@code Content-Digest} form ({@code sha-256=:<base64>:})
 * @param file the verified file, named {@code *.jar} or {@code *.zip} after its layout
 */
public record VerifiedArchive(
        String pluginId, String version, List<PluginDependency> dependencies, String digest, Path file) {
    /** Copies the dependency list. */
    public VerifiedArchive {
        dependencies = List.copyOf(dependencies);
    }
}
