package com.mirogateway.platform.host.plugins;

import com.mirogateway.platform.host.plugins.ArchiveRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The {@code jarsigner} check of an uploaded archive, done by the JDK's own jar verification ({@link JarFile} opened
 * with verification on): every entry must be signed (an entry added after signing has no signer), none may be altered
 * (reading it throws), and some signer of each entry must be trusted: its certificate is one of the truststore's, or
 * its certificate path validates (PKIX, no revocation check) against the truststore's certificates as anchors.
 *
 * <p>Immutable; any thread.
 */
public final class JarSignatures {
    private final Set<X509Certificate> trusted;
    private final Set<TrustAnchor> anchors;

    /**
     * Creates the check from a truststore.
     *
     * @param truststore the loaded truststore (its trusted certificate entries and the certificates of key entries)
     * @throws IllegalArgumentException if it holds no certificate
     */
    public JarSignatures(KeyStore truststore) {
        Set<X509Certificate> certificates = new HashSet<>();
        try {
            for (String alias : Collections.list(truststore.aliases())) {
                if (truststore.getCertificate(alias) instanceof X509Certificate certificate) {
                    certificates.add(certificate);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the plugin truststore: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("The plugin truststore holds no certificate");
        }
        this.trusted = Set.copyOf(certificates);
        Set<TrustAnchor> anchorSet = new HashSet<>();
        certificates.forEach(c -> anchorSet.add(new TrustAnchor(c, null)));
        this.anchors = Set.copyOf(anchorSet);
    }

    /**
     * Verifies a signed jar or zip.
     *
     * @param archive the archive
     * @throws ArchiveRejectedException ({@link Reason#SIGNATURE}) naming the first entry that is unsigned, altered or
     *     signed by nobody trusted
     * @throws IOException if the archive cannot be read
     */
    void verify(Path archive) throws IOException {
        int signed = 0;
        try (JarFile jar = new JarFile(archive.toFile(), true)) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    in.transferTo(
                            OutputStream.nullOutputStream()); // verification happens as the entry is read to its end
                } catch (SecurityException e) {
                    throw rejected("entry " + entry.getName() + " was altered after signing (" + e.getMessage() + ")");
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    throw rejected("entry " + entry.getName() + " is not signed");
                }
                if (!anyTrusted(signers)) {
                    throw rejected("entry " + entry.getName() + " is signed by nobody in plugins.signature.truststore");
                }
                signed++;
            }
        } catch (SecurityException e) {
            throw rejected("its signature is broken (" + e.getMessage() + ")");
        }
        if (signed == 0) {
            throw rejected("it has no signed entries");
        }
    }

    private boolean anyTrusted(CodeSigner[] signers) {
        for (CodeSigner signer : signers) {
            var certificates = signer.getSignerCertPath().getCertificates();
            if (!certificates.isEmpty() && trusted.contains(certificates.get(0))) {
                return true;
            }
            if (validates(signer)) {
                return true;
            }
        }
        return false;
    }

    private boolean validates(CodeSigner signer) {
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(signer.getSignerCertPath(), parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.equals("META-INF/MANIFEST.MF")
                || upper.endsWith(".SF")
                || upper.endsWith(".RSA")
                || upper.endsWith(".DSA")
                || upper.endsWith(".EC")
                || upper.startsWith("META-INF/SIG-");
    }

    private static ArchiveRejectedException rejected(String why) {
        return new ArchiveRejectedException(
                Reason.SIGNATURE, "Plugin signatures are required (plugins.signature.required) and " + why);
    }
}
