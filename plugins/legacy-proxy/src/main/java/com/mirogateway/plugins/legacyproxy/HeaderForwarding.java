package com.mirogateway.plugins.legacyproxy;

import com.mirogateway.platform.api.CorrelationId;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * Which headers cross the proxy, in each direction (RFC 9110 §7.6.1).
 *
 * <p>Hop-by-hop headers ({@code Connection}, {@code Keep-Alive}, {@code Proxy-*}, {@code TE}, {@code Trailer},
 * {@code Transfer-Encoding}, {@code Upgrade} and every header named in {@code Connection}) stay on their own hop; all
 * others (end-to-end headers, including {@code Authorization} and {@code Cookie}) pass unchanged. Towards the legacy
 * service {@code Host} names the legacy service, {@code X-Forwarded-For} gets the client's address appended,
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} describe the client's request, {@code X-Request-Id} carries
 * the correlation id, and {@code Expect} is dropped (the gateway answers {@code 100-continue} itself). Towards the
 * client the legacy service's {@code X-Request-Id} is dropped, as the host already echoes the correlation id.
 * {@code Content-Length} goes upstream with the body ({@link LegacyUpstream#exchange}), not as a copied header.
 * Stateless and thread-safe.
 */
final class HeaderForwarding {
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "te", "trailer", "trailers", "transfer-encoding", "upgrade", "http2-settings");
    private static final String REQUEST_ID_LOWER = CorrelationId.HEADER.toLowerCase(Locale.ROOT);

    private final String host;

    /**
     * Creates the rules for one legacy service.
     *
     * @param upstreamAuthority the {@code Host} value of the legacy service, such as {@code legacy:5000}
     */
    HeaderForwarding(String upstreamAuthority) {
        this.host = upstreamAuthority;
    }

    /**
     * Writes the headers of the request to send upstream.
     *
     * @param req the client's request
     * @param out the upstream request's headers
     */
    void toUpstream(ServerRequest req, ClassicHttpRequest out) {
        Headers in = req.headers();
        Set<String> listed = connectionListed(in);
        String forwardedFor = null;
        for (Header header : in) {
            String name = header.headerName().lowerCase();
            if (isHopByHop(name, listed)) {
                continue;
            }
            switch (name) {
                case "host", "expect", "content-length", "x-forwarded-proto", "x-forwarded-host" -> {
                    // replaced below, sent with the body, or answered by the gateway itself
                }
                case "x-forwarded-for" -> forwardedFor = String.join(", ", header.allValues());
                default -> {
                    if (!name.equals(REQUEST_ID_LOWER)) {
                        copy(header, out);
                    }
                }
            }
        }
        // Every header below was left out above, so adding them cannot repeat one.
        out.addHeader("Host", host);
        String client = clientAddress(req.remotePeer().address());
        out.addHeader("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
        out.addHeader("X-Forwarded-Proto", req.isSecure() ? "https" : "http");
        String originalHost = req.authority();
        if (originalHost != null && !originalHost.isEmpty()) {
            out.addHeader("X-Forwarded-Host", originalHost);
        }
        out.addHeader(CorrelationId.HEADER, CorrelationId.of(req).value());
    }

    private static void copy(Header header, ClassicHttpRequest out) {
        String name = header.name();
        if (header.valueCount() == 1) {
            out.addHeader(name, header.get());
            return;
        }
        for (String value : header.allValues()) {
            out.addHeader(name, value);
        }
    }

    /**
     * Copies the legacy service's response headers to the client's response: the first of a name replaces what the
     * gateway had set under that name, later ones of the same name add their values.
     *
     * @param in the upstream response's headers
     * @param res the client's response
     */
    void toClient(ClassicHttpResponse in, ServerResponse res) {
        Set<String> listed = Set.of();
        if (in.containsHeader(HttpHeaders.CONNECTION)) {
            listed = new HashSet<>();
            for (Iterator<org.apache.hc.core5.http.Header> it = in.headerIterator(HttpHeaders.CONNECTION);
                    it.hasNext(); ) {
                addTokens(it.next().getValue(), listed);
            }
        }
        ServerResponseHeaders out = res.headers();
        String[] copied = new String[16]; // lower-case names copied so far
        int copiedCount = 0;
        for (Iterator<org.apache.hc.core5.http.Header> it = in.headerIterator(); it.hasNext(); ) {
            org.apache.hc.core5.http.Header header = it.next();
            HeaderName name = HeaderNames.create(header.getName());
            String lowerCase = name.lowerCase();
            if (isHopByHop(lowerCase, listed) || lowerCase.equals(REQUEST_ID_LOWER)) {
                continue;
            }
            if (contains(copied, copiedCount, lowerCase)) {
                out.add(name, header.getValue());
            } else {
                out.set(name, header.getValue());
                if (copiedCount == copied.length) {
                    copied = Arrays.copyOf(copied, copiedCount * 2);
                }
                copied[copiedCount++] = lowerCase;
            }
        }
    }

    private static boolean contains(String[] names, int count, String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHopByHop(String lowerCaseName, Set<String> connectionListed) {
        return HOP_BY_HOP.contains(lowerCaseName)
                || lowerCaseName.startsWith("proxy-")
                || (!connectionListed.isEmpty() && connectionListed.contains(lowerCaseName));
    }

    /** The header names a {@code Connection} header lists (lower case); usually none. */
    private static Set<String> connectionListed(Headers headers) {
        if (!headers.contains(HeaderNames.CONNECTION)) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String value : headers.get(HeaderNames.CONNECTION).allValues()) {
            addTokens(value, names);
        }
        return names;
    }

    private static void addTokens(String connectionValue, Set<String> names) {
        for (String token : connectionValue.split(",")) {
            String name = token.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
    }

    private static String clientAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "unknown";
    }
}
