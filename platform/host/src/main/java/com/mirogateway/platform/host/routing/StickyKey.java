package com.mirogateway.platform.host.routing;

import com.mirogateway.platform.api.Caller;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * What a client is recognised by for the canary split, so the same client keeps landing on the same side.
 *
 * <p>{@code subject}: the authenticated caller's {@code sub} claim; {@code header:<Name>}: the first value of that
 * request header (e.g. {@code header:X-Client-Id}, or {@code header:X-Forwarded-For} behind a load balancer);
 * {@code client-address}: the connection's remote IP address. When the chosen key is missing from a request (no
 * caller, no such header) the client address is used instead.
 *
 * @param kind which key
 * @param header the header's name, for {@link Kind#HEADER}
 */
record StickyKey(Kind kind, Optional<HeaderName> header) {
    enum Kind {
        SUBJECT,
        HEADER,
        CLIENT_ADDRESS
    }

    static StickyKey parse(String text) {
        String value = text.strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("subject")) {
            return new StickyKey(Kind.SUBJECT, Optional.empty());
        }
        if (lower.equals("client-address")) {
            return new StickyKey(Kind.CLIENT_ADDRESS, Optional.empty());
        }
        if (lower.startsWith("header:") && value.length() > "header:".length()) {
            return new StickyKey(
                    Kind.HEADER,
                    Optional.of(HeaderNames.create(
                            value.substring("header:".length()).strip())));
        }
        throw new InvalidRouteModeException(
                "routing.canary.sticky-key must be subject, client-address or header:<Name>, not '" + text + "'");
    }

    /** The request's client key. Runs on the request thread. */
    String of(ServerRequest req) {
        Optional<String> key = switch (kind) {
            case SUBJECT -> Caller.of(req).map(Caller::subject);
            case HEADER -> req.headers().first(header.orElseThrow()).map(String::strip);
            case CLIENT_ADDRESS -> Optional.empty();
        };
        return key.filter(k -> !k.isEmpty())
                .orElseGet(() -> address(req.remotePeer().address()));
    }

    static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
