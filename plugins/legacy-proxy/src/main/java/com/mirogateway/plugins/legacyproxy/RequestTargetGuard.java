package com.mirogateway.plugins.legacyproxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides whether a request's raw path may be forwarded, so that no request target can steer the proxy (or the legacy
 * service behind it) anywhere but the configured service and prefix.
 *
 * <p>Refused: anything not in origin form ({@code http://host/...} absolute form, {@code //host/...}, {@code *}); a
 * path outside the proxied prefix; backslashes; control characters; and dot segments ({@code .}, {@code ..}) in any
 * spelling: literal, percent-encoded ({@code %2e%2e}, {@code .%2E}), double-encoded ({@code %252e}), hidden behind an
 * encoded slash ({@code a%2f..%2fb}) or behind a matrix parameter ({@code ..;x}). Legitimate API paths never contain
 * any of these. Stateless and thread-safe; cheap for ordinary paths, which contain no {@code %}, {@code \} or
 * {@code /.}.
 */
final class RequestTargetGuard {
    /** How often a path is percent-decoded in turn to find dot segments hidden by multiple encoding. */
    private static final int DECODE_ROUNDS = 3;

    private final String prefix;

    /**
     * Creates a guard for a prefix.
     *
     * @param prefix the proxied path prefix such as {@code /api}; accepted paths equal it or continue it with {@code /}
     */
    RequestTargetGuard(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Checks a raw (still percent-encoded) request path.
     *
     * @param rawPath the path exactly as the client sent it
     * @return why it is refused, or empty if it may be forwarded as it is
     */
    Optional<String> refusal(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/' || rawPath.startsWith("//")) {
            return Optional.of("Only origin-form request targets (a path starting with a single /) are proxied");
        }
        if (!rawPath.startsWith(prefix)
                || (rawPath.length() > prefix.length() && rawPath.charAt(prefix.length()) != '/')) {
            return Optional.of("Only paths under " + prefix + "/ are proxied");
        }
        boolean encoded = rawPath.indexOf('%') >= 0;
        if (!encoded && rawPath.indexOf('\\') < 0 && !rawPath.contains("/.")) {
            return Optional.empty();
        }
        String path = rawPath;
        for (int round = 0; round <= DECODE_ROUNDS; round++) {
            Optional<String> refusal = unsafe(path);
            if (refusal.isPresent()) {
                return refusal;
            }
            if (path.indexOf('%') < 0) {
                break;
            }
            Optional<String> decoded = decode(path);
            if (decoded.isEmpty()) {
                if (round == 0) {
                    return Optional.of("The path has an invalid percent-encoding");
                }
                break;
            }
            path = decoded.get();
        }
        return Optional.empty();
    }

    private static Optional<String> unsafe(String path) {
        int segmentStart = 0;
        for (int i = 0; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("The path contains a control character");
            }
            if (c == '\\') {
                return Optional.of("The path contains a backslash");
            }
            if (c == '/') {
                if (isDotSegment(path, segmentStart, i)) {
                    return Optional.of("The path contains a . or .. segment");
                }
                segmentStart = i + 1;
            }
        }
        return Optional.empty();
    }

    /** Whether {@code path[start, end)}, without any {@code ;parameters}, is {@code .} or {@code ..}. */
    private static boolean isDotSegment(String path, int start, int end) {
        int semicolon = path.indexOf(';', start);
        int stop = semicolon >= 0 && semicolon < end ? semicolon : end;
        int length = stop - start;
        return (length == 1 && path.charAt(start) == '.')
                || (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.');
    }

    /** Percent-decodes once (UTF-8); empty if a {@code %} is not followed by two hex digits. */
    private static Optional<String> decode(String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(path.charAt(i + 1), 16);
                int low = Character.digit(path.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }
}
