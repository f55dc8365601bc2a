package com.mirogateway.platform.host.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats a JUL record as one JSON object on one line: {@code ts}, {@code level}, {@code logger}, {@code thread},
 * {@code msg}, {@code requestId} (when the thread has one), {@code subject} and {@code clientId} (when its request was
 * authenticated) and {@code error} (type, message, stack) for a thrown.
 */
public final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"ts\":\"")
                .append(Instant.ofEpochMilli(record.getMillis()))
                .append('"');
        field(json, "level", record.getLevel().getName());
        field(json, "logger", record.getLoggerName());
        field(json, "thread", Thread.currentThread().getName());
        field(json, "msg", formatMessage(record));
        LogContext.correlationId().ifPresent(id -> field(json, "requestId", id));
        LogContext.subject().ifPresent(subject -> field(json, "subject", subject));
        LogContext.clientId().ifPresent(client -> field(json, "clientId", client));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            StringWriter stack = new StringWriter();
            thrown.printStackTrace(new PrintWriter(stack));
            json.append(",\"error\":{\"type\":\"")
                    .append(escape(thrown.getClass().getName()))
                    .append('"');
            field(json, "message", String.valueOf(thrown.getMessage()));
            field(json, "stack", stack.toString());
            json.append('}');
        }
        return json.append("}\n").toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append(",\"").append(name).append("\":\"").append(escape(value)).append('"');
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
