package com.mirogateway.platform.host.security;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-HTTP listener's only handler: {@code 308 Permanent Redirect} to the same path and query on the HTTPS port,
 * at the host the client asked for (from {@code Host}, checked to be a plain host name or address; anything else is
 * answered with 400 rather than echoed into a {@code Location}).
 */
final class HttpsRedirect implements Handler {
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]{1,253})(:[0-9]{1,5})?");

    private final IntSupplier httpsPort;

    HttpsRedirect(IntSupplier httpsPort) {
        this.httpsPort = httpsPort;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Matcher host = HOST.matcher(req.headers().first(HeaderNames.HOST).orElse(""));
        if (!host.matches()) {
            res.status(Status.BAD_REQUEST_400).send("A Host header is required");
            return;
        }
        String query = req.prologue().query().rawValue();
        String location = "https://" + host.group(1) + ":" + httpsPort.getAsInt()
                + req.prologue().uriPath().rawPath() + (query.isEmpty() ? "" : "?" + query);
        res.status(Status.PERMANENT_REDIRECT_308)
                .header(HeaderNames.LOCATION, location)
                .send();
    }
}
