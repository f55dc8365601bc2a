package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.host.plugins.ArchiveRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * Checks an uploaded plugin archive before anything is loaded: its digest, that it is a plugin (PF4J finds a
 * descriptor, it has an extension index), that its id is the one in the path, that its {@code requires} range admits
 * the {@link PlatformVersion}, that it bundles no platform classes, and, when required, its jar signature
 * ({@link JarSignatures}). Each failure is an {@link ArchiveRejectedException}; the file is only read.
 *
 * <p>Stateless apart from its settings; any thread.
 */
public final class ArchiveVerifier {
    private final PlatformVersion platform;
    private final Optional<JarSignatures> signatures;

    /**
     * Creates a verifier.
     *
     * @param platform the version {@code requires} ranges are checked against
     * @param signatures the signature check, or empty when signatures are not required
     */
    public ArchiveVerifier(PlatformVersion platform, Optional<JarSignatures> signatures) {
        this.platform = platform;
        this.signatures = signatures;
    }

    /**
     * Verifies an upload.
     *
     * @param expectedId the plugin id from the request path
     * @param upload the received body (any name); renamed to {@code *.jar} or {@code *.zip} after its layout
     * @param contentDigest the {@code Content-Digest} header the client sent, if any
     * @param actualSha256 the SHA-256 of the received body
     * @return the verified archive
     * @throws ArchiveRejectedException if a check fails
     * @throws IOException if the file cannot be read or renamed
     */
    public VerifiedArchive verify(String expectedId, Path upload, Optional<String> contentDigest, byte[] actualSha256)
            throws IOException {
        ContentDigest.parse(contentDigest).check(actualSha256);
        boolean zipLayout = zipLayout(upload);
        Path file = Files.move(upload, upload.resolveSibling(upload.getFileName() + (zipLayout ? ".zip" : ".jar")));
        PluginDescriptor descriptor = descriptor(file);
        if (!expectedId.equals(descriptor.getPluginId())) {
            throw new ArchiveRejectedException(
                    Reason.WRONG_ID,
                    "The archive is plugin '" + descriptor.getPluginId() + "', not '" + expectedId + "'");
        }
        String requires = Optional.ofNullable(descriptor.getRequires()).orElse("*");
        boolean admitted;
        try {
            admitted = platform.admittedBy(requires);
        } catch (IllegalArgumentException e) {
            throw new ArchiveRejectedException(Reason.INCOMPATIBLE, e.getMessage());
        }
        if (!admitted) {
            throw new ArchiveRejectedException(
                    Reason.INCOMPATIBLE,
                    "Plugin '" + expectedId + "' " + descriptor.getVersion() + " requires platform " + requires
                            + "; this gateway is platform " + platform.version());
        }
        checkContents(file, zipLayout);
        if (signatures.isPresent()) {
            signatures.get().verify(file);
        }
        return new VerifiedArchive(
                descriptor.getPluginId(),
                descriptor.getVersion(),
                descriptor.getDependencies(),
                ContentDigest.header(actualSha256),
                file);
    }

    private static boolean zipLayout(Path upload) {
        try (ZipFile zip = new ZipFile(upload.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith("classes/") || name.startsWith("lib/")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new ArchiveRejectedException(Reason.NOT_A_PLUGIN, "The body is not a jar or zip: " + e.getMessage());
        }
    }

    private static PluginDescriptor descriptor(Path file) {
        PluginDescriptorFinder finder = new CompoundPluginDescriptorFinder()
                .add(new PropertiesPluginDescriptorFinder())
                .add(new ManifestPluginDescriptorFinder());
        try {
            PluginDescriptor descriptor = finder.find(file);
            if (descriptor.getPluginId() == null || descriptor.getVersion() == null) {
                throw new IllegalStateException("plugin.id and plugin.version are required");
            }
            return descriptor;
        } catch (RuntimeException e) {
            throw new ArchiveRejectedException(
                    Reason.NOT_A_PLUGIN,
                    "The archive is not a plugin: no readable plugin.properties or manifest descriptor ("
                            + e.getMessage() + ")");
        }
    }

    private static void checkContents(Path file, boolean zipLayout) throws IOException {
        List<String> bundled = new ArrayList<>();
        boolean indexed = false;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = zipLayout && entry.getName().startsWith("classes/")
                        ? entry.getName().substring("classes/".length())
                        : entry.getName();
                indexed |= name.equals("META-INF/extensions.idx");
                PlatformClasses.matching(name).ifPresent(p -> addOnce(bundled, p));
                if (zipLayout && name.startsWith("lib/") && name.endsWith(".jar")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        nestedPlatformClasses(in).forEach(p -> addOnce(bundled, p));
                    }
                }
            }
        }
        if (!bundled.isEmpty()) {
            throw new ArchiveRejectedException(
                    Reason.BUNDLES_PLATFORM,
                    "The archive bundles classes the host provides (" + String.join(", ", bundled)
                            + "); declare Helidon, PF4J, platform-api, Jackson and logging with 'provided' scope");
        }
        if (!indexed) {
            throw new ArchiveRejectedException(
                    Reason.NOT_A_PLUGIN,
                    "The archive has no META-INF/extensions.idx, so it offers no GatewayPlugin extension");
        }
    }

    private static List<String> nestedPlatformClasses(InputStream jar) throws IOException {
        List<String> found = new ArrayList<>();
        ZipInputStream in = new ZipInputStream(jar);
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
            PlatformClasses.matching(entry.getName()).ifPresent(p -> addOnce(found, p));
        }
        return found;
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
