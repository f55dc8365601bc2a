package com.mirogateway.plugins.boardsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy in front of a gateway that can drop every open connection and refuse new ones for a while: a network
 * failure as a client sees it. Remembers the start of each request it passed on (the request line and headers).
 */
final class DroppingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final URI target;
    private final List<Socket> open = new ArrayList<>();
    private final List<String> requestHeads = new ArrayList<>();
    private volatile boolean refusing;

    private DroppingProxy(ServerSocket server, URI target) {
        this.server = server;
        this.target = target;
        Thread.ofVirtual().start(this::accept);
    }

    static DroppingProxy start(URI target) {
        try {
            return new DroppingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
    }

    /** Closes every open connection; new ones are closed at once until {@link #pass()}. */
    synchronized void dropAndRefuse() {
        refusing = true;
        for (Socket socket : open) {
            close(socket);
        }
        open.clear();
    }

    /** Passes connections on again. */
    void pass() {
        refusing = false;
    }

    synchronized List<String> requestHeads() {
        return List.copyOf(requestHeads);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    close(client);
                    continue;
                }
                Socket upstream = new Socket(target.getHost(), target.getPort());
                synchronized (this) {
                    open.add(client);
                    open.add(upstream);
                }
                Thread.ofVirtual().start(() -> pipe(client, upstream, true));
                Thread.ofVirtual().start(() -> pipe(upstream, client, false));
            } catch (IOException e) {
                // closed, or the upstream refused: the client sees its connection end
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean request) {
        byte[] buffer = new byte[8192];
        boolean first = request;
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (first) {
                    String head = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    synchronized (this) {
                        requestHeads.add(head);
                    }
                    first = false;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // dropped
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        dropAndRefuse();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
