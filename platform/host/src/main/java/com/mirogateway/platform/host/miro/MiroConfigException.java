package com.mirogateway.platform.host.miro;

import java.io.Serial;

/** The {@code miro} configuration is unusable (a bad value, or OAuth without a secret it needs); no gateway starts. */
public final class MiroConfigException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    MiroConfigException(String message) {
        super(message);
    }

    MiroConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
