package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.host.plugins.ArchiveRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Receives an uploaded plugin archive: writes the body to a staging file while hashing it, lets the
 * {@link ArchiveVerifier} check it, and hands the verified archive to {@link PluginHost#install}. A refused upload's
 * staging file is deleted at once; an installed version runs from it (the host keeps its own copy for restarts) and
 * deletes it when unloaded.
 *
 * <p>Any thread; installs are serialised by the host.
 */
public final class PluginInstaller {
    private static final System.Logger LOG = System.getLogger(PluginInstaller.class.getName());
    private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final PluginHost host;
    private final ArchiveVerifier verifier;
    private final Path staging;

    /**
     * Creates the installer.
     *
     * @param host the plugin control plane
     * @param verifier the checks an upload must pass
     * @param staging the folder uploads are received in (under {@code data/}; emptied at startup)
     */
    public PluginInstaller(PluginHost host, ArchiveVerifier verifier, Path staging) {
        this.host = host;
        this.verifier = verifier;
        this.staging = staging;
    }

    /**
     * Installs or upgrades a plugin from an uploaded body.
     *
     * @param pluginId the id in the request path
     * @param body the archive's bytes
     * @param contentDigest the request's {@code Content-Digest} header, if any
     * @return what was done
     * @throws ArchiveRejectedException if the upload fails a check (nothing changed)
     * @throws PluginStartException if the new version does not start (the old one runs on)
     * @throws IOException if the body cannot be received
     */
    public Installation install(String pluginId, InputStream body, Optional<String> contentDigest) throws IOException {
        if (!PLUGIN_ID.matcher(pluginId).matches()) {
            throw new ArchiveRejectedException(Reason.WRONG_ID, "'" + pluginId + "' is not a valid plugin id");
        }
        Files.createDirectories(staging);
        Path upload = staging.resolve(UUID.randomUUID().toString());
        Path verified = null;
        boolean installed = false;
        try {
            long began = System.nanoTime();
            MessageDigest sha256 = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(upload), sha256)) {
                body.transferTo(out);
            }
            VerifiedArchive archive = verifier.verify(pluginId, upload, contentDigest, sha256.digest());
            verified = archive.file();
            long verifiedAt = System.nanoTime();
            Installation installation = host.install(archive);
            installed = true;
            LOG.log(
                    Level.INFO,
                    "Upload of plugin ''{0}'' {1}: received and verified in {2} ms, installed in {3} ms",
                    pluginId,
                    archive.version(),
                    (verifiedAt - began) / 1_000_000,
                    (System.nanoTime() - verifiedAt) / 1_000_000);
            return installation;
        } finally {
            Files.deleteIfExists(upload);
            if (verified != null && !installed) {
                Files.deleteIfExists(verified);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }
}
