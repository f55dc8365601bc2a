package com.mirogateway.plugins.legacyproxy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnectionFactory;
import org.apache.hc.core5.io.CloseMode;

/**
 * The keep-alive connections to the legacy service: HttpCore 5's blocking HTTP/1.1 connections over plain sockets (or
 * TLS with the JVM's trust store and host name verification), at most {@code legacy.connection-pool-size} open at once.
 *
 * <p>{@link #lease} hands out the most recently returned idle connection (one idle for longer than
 * {@value #CHECK_AFTER_IDLE_SECONDS} s is first checked for having been closed by the legacy service), else opens a
 * new one; when all are busy it waits up to {@code legacy.connect-timeout} for one. Every lease ends with exactly one
 * {@link #release}, which keeps the connection for the next request or closes it. Thread-safe; the lease and release of
 * a pooled connection are a semaphore permit and a deque operation, with no lock.
 */
final class UpstreamConnections implements AutoCloseable {
    /** A pooled connection idle for longer is checked before reuse, as the legacy service may have closed it. */
    static final long CHECK_AFTER_IDLE_SECONDS = 2;

    private static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(CHECK_AFTER_IDLE_SECONDS);

    private record Idle(DefaultBHttpClientConnection connection, long since) {}

    private final String host;
    private final int port;
    private final boolean tls;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final long waitNanos;
    private final Semaphore permits;
    private final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
    private final DefaultBHttpClientConnectionFactory factory =
            DefaultBHttpClientConnectionFactory.builder().build();
    private volatile boolean closed;

    UpstreamConnections(LegacyProxyConfig config) {
        this.host = config.origin().getHost();
        this.tls = config.origin().getScheme().equals("https");
        int port = config.origin().getPort();
        this.port = port >= 0 ? port : tls ? 443 : 80;
        this.connectTimeoutMillis =
                (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
        this.readTimeoutMillis =
                (int) Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis());
        this.waitNanos = config.connectTimeout().toNanos();
        this.permits = new Semaphore(config.connectionPoolSize());
    }

    /**
     * A connection for one exchange: an idle one unless {@code fresh}, else a new one.
     *
     * @param fresh whether to open a new connection even when idle ones are kept
     * @return the connection, to be given back through {@link #release}
     * @throws PoolExhaustedException if every connection stayed busy for {@code legacy.connect-timeout}
     * @throws IOException if a new connection could not be opened
     */
    DefaultBHttpClientConnection lease(boolean fresh) throws IOException {
        try {
            if (!permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw new PoolExhaustedException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for a connection to the legacy service");
        }
        try {
            if (!fresh) {
                for (Idle entry = idle.pollFirst(); entry != null; entry = idle.pollFirst()) {
                    if (usable(entry)) {
                        return entry.connection();
                    }
                    entry.connection().close(CloseMode.IMMEDIATE);
                }
            }
            return connect();
        } catch (IOException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * Gives a leased connection back.
     *
     * @param connection the connection
     * @param reusable whether its last exchange ended cleanly and the legacy service keeps it open; otherwise it is
     *     closed
     */
    void release(DefaultBHttpClientConnection connection, boolean reusable) {
        try {
            if (reusable && !closed && connection.isOpen()) {
                idle.offerFirst(new Idle(connection, System.nanoTime()));
                if (closed) {
                    closeIdle();
                }
            } else {
                connection.close(CloseMode.IMMEDIATE);
            }
        } finally {
            permits.release();
        }
    }

    private static boolean usable(Idle entry) {
        if (System.nanoTime() - entry.since() < CHECK_AFTER_IDLE_NANOS) {
            return entry.connection().isOpen();
        }
        try {
            return !entry.connection().isStale();
        } catch (IOException e) {
            return false;
        }
    }

    private DefaultBHttpClientConnection connect() throws IOException {
        Socket socket = new Socket(Proxy.NO_PROXY);
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(readTimeoutMillis);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            if (!tls) {
                return factory.createConnection(socket);
            }
            SSLSocketFactory tlsFactory = (SSLSocketFactory) SSLSocketFactory.getDefault();
            SSLSocket ssl = (SSLSocket) tlsFactory.createSocket(socket, host, port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            ssl.startHandshake();
            return factory.createConnection(ssl, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Closes the idle connections; busy ones are closed as they are released. */
    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        for (Idle entry = idle.pollFirst(); entry != null; entry = idle.pollFirst()) {
            entry.connection().close(CloseMode.IMMEDIATE);
        }
    }

    /** Every connection stayed busy for {@code legacy.connect-timeout}. */
    static final class PoolExhaustedException extends IOException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        PoolExhaustedException() {
            super("Every connection to the legacy service stayed busy for legacy.connect-timeout");
        }
    }
}
