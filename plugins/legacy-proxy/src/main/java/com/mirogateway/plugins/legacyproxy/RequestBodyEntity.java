package com.mirogateway.plugins.legacyproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * The client's request body on its way to the legacy service: streamed once, never buffered whole.
 *
 * <p>{@link #open} reads the body's first block before the request goes upstream, so a body that fails at once (a
 * malformed chunk, a client gone) is refused before the legacy service sees anything. The rest is written by the
 * HTTP client on the request's thread. With a known length the legacy service gets that {@code Content-Length},
 * otherwise the body goes chunked. Reading past {@code legacy.max-body-size} throws
 * {@link RequestBodyException#tooLarge}, and a client that stops sending throws {@link RequestBodyException#aborted}:
 * either way the upstream request is abandoned unfinished, so the legacy service never sees a shortened body as
 * complete.
 */
final class RequestBodyEntity extends AbstractHttpEntity {
    private static final int BUFFER_SIZE = 16 * 1024;

    private final InputStream body;
    private final long length;
    private final long limit;
    private final byte[] first;
    private final int firstLength;

    private RequestBodyEntity(
            InputStream body, long length, long limit, String contentType, byte[] first, int firstLength) {
        super(contentType, null, length < 0);
        this.body = body;
        this.length = length;
        this.limit = limit;
        this.first = first;
        this.firstLength = firstLength;
    }

    /**
     * Reads the body's first block and wraps the body.
     *
     * @param body the client's body
     * @param length its declared length, or {@code -1} when it comes chunked
     * @param limit the most bytes forwarded, or {@code -1} for no limit
     * @param contentType the client's {@code Content-Type}, or {@code null}
     * @return the entity to send
     * @throws RequestBodyException if the first block is already over the limit or cannot be read
     */
    static RequestBodyEntity open(InputStream body, long length, long limit, String contentType) {
        byte[] first = new byte[BUFFER_SIZE];
        int read = read(body, first);
        if (limit >= 0 && read > limit) {
            throw RequestBodyException.tooLarge(limit);
        }
        return new RequestBodyEntity(body, length, limit, contentType, first, read);
    }

    /** An empty body sent with {@code Content-Length: 0}. */
    static RequestBodyEntity empty(String contentType) {
        return new RequestBodyEntity(InputStream.nullInputStream(), 0, -1, contentType, new byte[0], -1);
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public InputStream getContent() {
        return body;
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public boolean isStreaming() {
        return true;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        if (firstLength < 0) {
            check(0);
            return;
        }
        out.write(first, 0, firstLength);
        byte[] buffer = first;
        long total = firstLength;
        while (true) {
            int read = read(body, buffer);
            if (read < 0) {
                check(total);
                return;
            }
            total += read;
            if (limit >= 0 && total > limit) {
                throw RequestBodyException.tooLarge(limit);
            }
            out.write(buffer, 0, read);
        }
    }

    private void check(long total) {
        if (length >= 0 && total != length) {
            throw RequestBodyException.aborted(null);
        }
    }

    private static int read(InputStream body, byte[] buffer) {
        try {
            return body.read(buffer);
        } catch (IOException | RuntimeException e) {
            throw RequestBodyException.aborted(e);
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
