package com.mirogateway.platform.host.routing;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which side a request on a canary route goes to.
 *
 * <p>The force header ({@code routing.canary.force-header}) wins: {@code plugin} sends the request to the plugin,
 * {@code legacy} to legacy, whatever the share (other values are ignored). Otherwise the client's {@link StickyKey} is
 * hashed to a bucket in 0–9999 and the plugin gets the buckets below the route's share in basis points. The bucket
 * depends on the key only, not on the route, so raising a share only adds clients to the plugin side and a client on
 * the plugin side of one route is on it for every route with at least the same share. Stateless; runs on the request
 * thread.
 */
final class CanarySplit {
    static final int BUCKETS = 10_000;

    private final StickyKey key;
    private final HeaderName forceHeader;

    CanarySplit(StickyKey key, String forceHeader) {
        this.key = key;
        this.forceHeader = HeaderNames.create(forceHeader);
    }

    /** Whether this request goes to the plugin. */
    boolean toPlugin(ServerRequest req, RouteMode mode) {
        Optional<Boolean> forced = forced(req.headers().first(forceHeader));
        if (forced.isPresent()) {
            return forced.get();
        }
        int share = mode.canaryBasisPoints();
        if (share <= 0) {
            return false;
        }
        return share >= BUCKETS || bucket(key.of(req)) < share;
    }

    static Optional<Boolean> forced(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        return switch (header.get().strip().toLowerCase(Locale.ROOT)) {
            case "plugin" -> Optional.of(true);
            case "legacy" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** The client's bucket: FNV-1a over the key's characters, mixed with MurmurHash3's finaliser. */
    static int bucket(String clientKey) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < clientKey.length(); i++) {
            hash ^= clientKey.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return (int) Long.remainderUnsigned(hash, BUCKETS);
    }
}
