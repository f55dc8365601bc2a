package com.mirogateway.platform.host.security;

import io.helidon.config.Config;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the value shapes of the security sections. A list is a YAML list or one comma-separated string (so it can be
 * set from a {@code GATEWAY_*} variable); blank strings count as unset.
 */
final class Settings {
    private Settings() {}

    static Optional<String> string(Config node) {
        return node.asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    static List<String> list(Config node) {
        if (!node.exists()) {
            return List.of();
        }
        if (node.isLeaf()) {
            return string(node).map(Settings::split).orElse(List.of());
        }
        return node.asList(String.class).orElse(List.of()).stream()
                .flatMap(value -> split(value).stream())
                .toList();
    }

    static Duration duration(Config node, Duration fallback) {
        Optional<String> value = string(node);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(value.get());
            if (duration.isNegative()) {
                throw new SecurityConfigException(node.key() + " must not be negative: " + value.get());
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new SecurityConfigException(
                    node.key() + " is not an ISO-8601 duration (like PT30S): " + value.get(), e);
        }
    }

    static int integer(Config node, int fallback) {
        Optional<String> value = string(node);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new SecurityConfigException(node.key() + " is not a whole number: " + value.get(), e);
        }
    }

    static long size(Config node, long fallback) {
        Optional<String> value = string(node);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw new SecurityConfigException(node.key() + " is not a size in bytes: " + value.get(), e);
        }
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
