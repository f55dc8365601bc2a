package com.mirogateway.platform.host.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed path template in Helidon syntax ({@code /api/boards/{boardId}}, {@code /v2/{+rest}}, {@code /files/*}).
 *
 * <p>Orders templates by specificity: compared segment by segment from the left, a literal beats a parameter, which
 * beats a wildcard; when one template is a prefix of the other the longer one is more specific.
 */
record RouteTemplate(String text, List<Segment> segments) implements Comparable<RouteTemplate> {
    private static final Pattern PARAM = Pattern.compile("\\{[A-Za-z][A-Za-z0-9_]*}");
    private static final Pattern GREEDY = Pattern.compile("\\{\\+[A-Za-z][A-Za-z0-9_]*}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()+,;=:@%-]+");

    enum Kind {
        LITERAL,
        PARAMETER,
        WILDCARD
    }

    record Segment(Kind kind, String text) {}

    static RouteTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("Path template must start with '/': " + template);
        }
        List<Segment> segments = new ArrayList<>();
        String[] parts = template.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.isEmpty() && last && parts.length == 1) {
                break; // the root template "/"
            }
            if (PARAM.matcher(part).matches()) {
                segments.add(new Segment(Kind.PARAMETER, part));
            } else if ((part.equals("*") || GREEDY.matcher(part).matches()) && last) {
                segments.add(new Segment(Kind.WILDCARD, part));
            } else if (LITERAL.matcher(part).matches()) {
                segments.add(new Segment(Kind.LITERAL, part));
            } else {
                throw new IllegalArgumentException("Invalid segment '" + part + "' in path template " + template);
            }
        }
        return new RouteTemplate(template, List.copyOf(segments));
    }

    /**
     * Whether a parameter of the template holds a secret: its name is {@code secret} or ends in {@code Secret}, such as
     * {@code {subscriptionSecret}}. The host never logs or echoes such a value.
     */
    boolean hasSecrets() {
        for (Segment segment : segments) {
            if (isSecret(segment)) {
                return true;
            }
        }
        return false;
    }

    /** A request path this template matched, with the values of its secret parameters replaced. */
    String redact(String path) {
        String[] parts = path.substring(1).split("/", -1);
        for (int i = 0; i < Math.min(parts.length, segments.size()); i++) {
            if (isSecret(segments.get(i))) {
                parts[i] = "[redacted]";
            }
        }
        return "/" + String.join("/", parts);
    }

    private static boolean isSecret(Segment segment) {
        return segment.kind() == Kind.PARAMETER
                && (segment.text().endsWith("Secret}") || segment.text().equals("{secret}"));
    }

    /**
     * The literal segments the template starts with, as a path prefix ({@code /api/boards} for
     * {@code /api/boards/{boardId}}; empty when it starts with a parameter or wildcard). A request path can only match
     * if it equals this prefix or continues it with {@code /}. A literal holding a percent escape ends the prefix, so
     * the prefix compares with decoded paths.
     */
    String literalPrefix() {
        StringBuilder prefix = new StringBuilder();
        for (Segment segment : segments) {
            if (segment.kind() != Kind.LITERAL || segment.text().indexOf('%') >= 0) {
                break;
            }
            prefix.append('/').append(segment.text());
        }
        return prefix.toString();
    }

    /** The template with parameter names erased: two claims with the same shape conflict. */
    String shape() {
        StringBuilder shape = new StringBuilder();
        for (Segment segment : segments) {
            shape.append('/')
                    .append(
                            switch (segment.kind()) {
                                case LITERAL -> segment.text();
                                case PARAMETER -> "{}";
                                case WILDCARD -> "*";
                            });
        }
        return shape.isEmpty() ? "/" : shape.toString();
    }

    @Override
    public int compareTo(RouteTemplate other) {
        int common = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < common; i++) {
            Segment a = segments.get(i);
            Segment b = other.segments.get(i);
            int byKind = a.kind().compareTo(b.kind());
            if (byKind != 0) {
                return byKind;
            }
            if (a.kind() == Kind.LITERAL) {
                int byText = a.text().compareTo(b.text());
                if (byText != 0) {
                    return byText;
                }
            }
        }
        return Integer.compare(other.segments.size(), segments.size());
    }
}
