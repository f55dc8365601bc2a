package com.mirogateway.platform.host.plugins;

/**
 * An uploaded plugin archive was refused before anything changed. The {@link Reason} tells the HTTP edge which status
 * to answer; the message names what was wrong, in words fit for the problem's {@code detail}.
 */
public final class ArchiveRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why an archive was refused. */
    public enum Reason {
        /** The {@code Content-Digest} header is missing, malformed or does not match the body (a bad request). */
        DIGEST,
        /** The archive's {@code plugin.id} is not the id in the path (a bad request). */
        WRONG_ID,
        /** The archive's {@code requires} range does not admit the platform version. */
        INCOMPATIBLE,
        /** Not a plugin archive: not a jar or zip, no descriptor, no extension index, a missing dependency. */
        NOT_A_PLUGIN,
        /** The archive bundles classes the host provides (the SDK, Helidon, PF4J, ...). */
        BUNDLES_PLATFORM,
        /** Signatures are required and the archive is unsigned, partly signed, altered or signed by an unknown key. */
        SIGNATURE
    }

    private final Reason reason;

    ArchiveRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    ArchiveRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the archive was refused. */
    public Reason reason() {
        return reason;
    }
}
