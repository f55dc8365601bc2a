package com.mirogateway.platform.api;

import io.helidon.http.Status;
import java.io.Serial;

/**
 * Miro answered with a 4xx status other than 429: the board or item does not exist (404), the request was invalid
 * (400), the gateway's Miro token may not see the board (403), or the token was rejected even after a refresh (401).
 * Carries Miro's own error body ({@code {status, code, message, type: "error"}}), so a surface that speaks Miro's API
 * can pass it through unchanged.
 */
public final class MiroErrorException extends MiroException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Miro's status; part of the serialized form. */
    private final int status;
    /** Miro's error code, such as {@code notFound}; part of the serialized form. */
    private final String code;
    /** Miro's error message; part of the serialized form. */
    private final String miroMessage;

    private final transient MiroResponse response;

    /**
     * Creates the exception.
     *
     * @param response Miro's answer
     * @param code Miro's error code from the body, or a generic one
     * @param message Miro's error message from the body, or a generic one
     */
    public MiroErrorException(MiroResponse response, String code, String message) {
        super("Miro answered " + response.status() + " " + code + ": " + message, null);
        this.status = response.status();
        this.code = code;
        this.miroMessage = message;
        this.response = response;
    }

    /**
     * Miro's HTTP status.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }

    /**
     * Miro's error code, such as {@code notFound} or {@code invalidParameters}.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * Miro's error message.
     *
     * @return the message from Miro's error body
     */
    public String miroMessage() {
        return miroMessage;
    }

    /**
     * Miro's whole answer, with its error body.
     *
     * @return the response
     */
    public MiroResponse response() {
        return response;
    }

    /**
     * 404 stays 404, 400 stays 400 with Miro's message, 403 stays 403, 409 stays 409; a 401 (the gateway's own Miro
     * credentials were refused) and anything else become 502, because the client did nothing wrong.
     */
    @Override
    public ProblemException toProblem() {
        return switch (status) {
            case 404 -> new ProblemException(Status.NOT_FOUND_404, "miro-not-found", "Miro has no such board or item");
            case 400 ->
                new ProblemException(
                        Status.BAD_REQUEST_400,
                        "miro-bad-request",
                        "Miro refused the request (" + code + "): " + miroMessage);
            case 403 ->
                new ProblemException(
                        Status.FORBIDDEN_403, "miro-forbidden", "The gateway's Miro account may not access this board");
            case 409 -> new ProblemException(Status.CONFLICT_409, "miro-conflict", "Miro reported a conflict: " + code);
            case 401 ->
                new ProblemException(
                        Status.BAD_GATEWAY_502, "miro-unauthorized", "Miro refused the gateway's credentials", this);
            default ->
                new ProblemException(
                        Status.BAD_GATEWAY_502, "miro-error", "Miro answered " + status + " (" + code + ")", this);
        };
    }
}
