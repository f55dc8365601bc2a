package com.mirogateway.platform.api;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.util.regex.Pattern;

/**
 * The format a path parameter must have before a handler uses it, e.g. {@link #BOARD_ID}.
 *
 * <p>Path parameters arrive percent-decoded ({@code uXjVOD6Lzs4%3D} becomes {@code uXjVOD6Lzs4=}); {@link
 * #require(ServerRequest, String)} checks the decoded value against the whole pattern and answers a bad one with a 400
 * problem that names the parameter and the expected format, never the value sent. Instances are immutable.
 *
 * @param description what the value is, for the problem detail, e.g. {@code "a Miro board id"}
 * @param pattern the pattern the whole decoded value must match
 */
public record PathFormat(String description, Pattern pattern) {
    /** A Miro board id, e.g. {@code uXjVOD6Lzs4=}: 1–64 characters of letters, digits and {@code _ - = +}. */
    public static final PathFormat BOARD_ID = of("a Miro board id", "[A-Za-z0-9_=+-]{1,64}");

    /** A Miro item id, e.g. {@code 3458764517517852417}: 1–32 digits. */
    public static final PathFormat ITEM_ID = of("a Miro item id (digits)", "[0-9]{1,32}");

    /** A UUID in its canonical lower- or upper-case form, e.g. a job id. */
    public static final PathFormat UUID =
            of("a UUID", "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * A format from a regular expression.
     *
     * @param description what the value is, for the problem detail
     * @param regex the pattern the whole value must match
     * @return the format
     */
    public static PathFormat of(String description, String regex) {
        return new PathFormat(description, Pattern.compile(regex));
    }

    /**
     * Whether a decoded value has this format.
     *
     * @param value the value, may be null
     * @return true if it matches the whole pattern
     */
    public boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }

    /**
     * The decoded value of a path parameter, checked against this format.
     *
     * @param request the request whose matched route declared the parameter
     * @param name the parameter's name in the route template, e.g. {@code boardId}
     * @return the decoded value
     * @throws ProblemException 400 {@code invalid-path-parameter} if the parameter is missing or has another format
     */
    public String require(ServerRequest request, String name) {
        String value = request.path().pathParameters().first(name).orElse(null);
        if (!matches(value)) {
            throw new ProblemException(
                    Status.BAD_REQUEST_400,
                    "invalid-path-parameter",
                    "Path parameter '" + name + "' must be " + description);
        }
        return value;
    }
}
