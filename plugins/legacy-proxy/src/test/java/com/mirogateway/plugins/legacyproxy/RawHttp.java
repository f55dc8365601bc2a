package com.mirogateway.plugins.legacyproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for requests an HTTP client would normalise (absolute-form targets, {@code ..}
 * segments, hop-by-hop headers). Sends {@code Connection: close}; reads one response by its framing
 * ({@code Content-Length} or chunked), or until the server closes when it has neither.
 */
final class RawHttp {
    private RawHttp() {}

    /** A parsed response. */
    record Response(int status, List<String[]> headers, String body) {
        Optional<String> header(String name) {
            return headers.stream()
                    .filter(h -> h[0].equalsIgnoreCase(name))
                    .map(h -> h[1])
                    .findFirst();
        }

        List<String> headers(String name) {
            return headers.stream()
                    .filter(h -> h[0].equalsIgnoreCase(name))
                    .map(h -> h[1])
                    .toList();
        }
    }

    /**
     * Sends a request.
     *
     * @param port the gateway's port
     * @param requestLine such as {@code GET /api/x HTTP/1.1}
     * @param headers header lines such as {@code X-A: 1}; {@code Host} and {@code Connection: close} are added
     * @param body the body, sent as is (set {@code Content-Length} or chunked framing yourself), or empty
     * @return the response
     */
    static Response send(int port, String requestLine, List<String> headers, byte[] body) {
        return send(port, requestLine, headers, body, false);
    }

    /**
     * Sends a request, then optionally shuts the socket's output down, as a client does that stops sending midway.
     *
     * @param port the gateway's port
     * @param requestLine such as {@code GET /api/x HTTP/1.1}
     * @param headers header lines; {@code Host} and {@code Connection: close} are added
     * @param body the body bytes sent
     * @param stopSending whether to half-close the connection after the body
     * @return the response
     */
    static Response send(int port, String requestLine, List<String> headers, byte[] body, boolean stopSending) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder(requestLine).append("\r\n");
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            boolean hasConnection =
                    headers.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("connection:"));
            if (!hasConnection) {
                head.append("Connection: close\r\n");
            }
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (stopSending) {
                socket.shutdownOutput();
            }
            return parse(socket.getInputStream(), requestLine.startsWith("HEAD "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response get(int port, String target, String... headers) {
        return send(port, "GET " + target + " HTTP/1.1", List.of(headers), new byte[0]);
    }

    private static Response parse(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.add(new String[] {
                line.substring(0, colon).trim(), line.substring(colon + 1).trim()
            });
        }
        boolean chunked = headers.stream()
                .anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding") && h[1].equalsIgnoreCase("chunked"));
        Optional<Integer> length = headers.stream()
                .filter(h -> h[0].equalsIgnoreCase("Content-Length"))
                .map(h -> Integer.parseInt(h[1]))
                .findFirst();
        byte[] body;
        if (head || status == 204 || status == 304 || status < 200) {
            body = new byte[0];
        } else if (chunked) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                bytes.write(in.readNBytes(size));
                line(in);
            }
            body = bytes.toByteArray();
        } else if (length.isPresent()) {
            body = in.readNBytes(length.get());
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Connection closed mid-line after '" + line + "'");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
