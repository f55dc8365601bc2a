package com.mirogateway.platform.host.routing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Copies up to a limit of the bytes written through a stream; counts the rest without keeping it. Used on the
 * client's path for the legacy answer (so it must stay cheap) and for the second run's answer.
 */
final class BodyCapture {
    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private byte[] whole;
    private boolean truncated;

    BodyCapture(int limit) {
        this.limit = limit;
    }

    /** Keeps a whole body sent in one piece by reference (the sender does not change it afterwards). */
    void adopt(byte[] data) {
        if (whole == null && bytes.size() == 0 && data.length <= limit) {
            whole = data;
        } else {
            write(data, 0, data.length);
        }
    }

    void write(byte[] data, int offset, int length) {
        if (whole != null) {
            byte[] adopted = whole;
            whole = null;
            bytes.write(adopted, 0, adopted.length);
        }
        int room = limit - bytes.size();
        if (length > room) {
            truncated = true;
        }
        if (room > 0) {
            bytes.write(data, offset, Math.min(room, length));
        }
    }

    void write(int b) {
        if (whole != null) {
            write(new byte[] {(byte) b}, 0, 1);
            return;
        }
        if (bytes.size() < limit) {
            bytes.write(b);
        } else {
            truncated = true;
        }
    }

    byte[] bytes() {
        return whole != null ? whole : bytes.toByteArray();
    }

    boolean truncated() {
        return truncated;
    }

    /** A stream that writes to {@code target} and copies into this capture; {@code target} may be null. */
    OutputStream tee(OutputStream target) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (target != null) {
                    target.write(b);
                }
                BodyCapture.this.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (target != null) {
                    target.write(b, off, len);
                }
                BodyCapture.this.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                if (target != null) {
                    target.flush();
                }
            }

            @Override
            public void close() throws IOException {
                if (target != null) {
                    target.close();
                }
            }
        };
    }
}
