package com.mirogateway.platform.host.security;

import com.mirogateway.platform.api.Caller;
import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.host.logging.LogContext;
import com.mirogateway.platform.host.plugins.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * OIDC bearer authentication (RFC 6750) for every non-public path, and the ops role for {@code /admin/**}.
 *
 * <ul>
 *   <li>no bearer token → 401, {@code WWW-Authenticate: Bearer realm="miro-gateway"};
 *   <li>a malformed {@code Authorization: Bearer} header (empty token, spaces, sent twice) → 400 {@code
 *       error="invalid_request"};
 *   <li>a token failing a check → 401 {@code error="invalid_token"} and the check in {@code error_description} and
 *       the problem's detail;
 *   <li>{@code /admin/**} without the ops role → 403 {@code error="insufficient_scope"}, except a {@code GET} or
 *       {@code HEAD} by a caller with the viewer role (the console's read-only users: reading never changes anything);
 *   <li>the provider unreachable with no cached keys → 503.
 * </ul>
 *
 * <p>An accepted request gets its {@link Caller} registered in the request context and its subject and client id in
 * the {@link LogContext} (cleared with the correlation id by the correlation filter). The token is never logged and
 * never echoed.
 */
final class AuthenticationFilter implements Filter {
    private static final System.Logger LOG = System.getLogger(AuthenticationFilter.class.getName());
    private static final String REALM = "Bearer realm=\"miro-gateway\"";
    private static final String BEARER = "bearer ";

    private final TokenVerifier verifier;
    private final AccessPolicy policy;
    private final String opsRole;
    private final String viewerRole;
    private final Supplier<RouteTable> routes;

    /**
     * Creates the filter.
     *
     * @param verifier checks bearer tokens
     * @param policy the configured public paths and the ops API's prefix
     * @param opsRole the role the ops API needs
     * @param viewerRole the role that may read the ops API without changing anything
     * @param routes the live route table, whose public claims need no token either
     */
    AuthenticationFilter(
            TokenVerifier verifier,
            AccessPolicy policy,
            String opsRole,
            String viewerRole,
            Supplier<RouteTable> routes) {
        this.verifier = verifier;
        this.policy = policy;
        this.opsRole = opsRole;
        this.viewerRole = viewerRole;
        this.routes = routes;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.prologue().uriPath().path();
        if (policy.isPublic(path)
                || (AccessPolicy.isClean(path)
                        && routes.get()
                                .isPublic(
                                        req.prologue().method(), req.prologue().uriPath()))) {
            chain.proceed();
            return;
        }
        Caller caller = authenticate(req.headers().all(HeaderNames.AUTHORIZATION, List::of));
        if (AccessPolicy.isAdmin(path) && !caller.hasRole(opsRole) && !reads(req, caller)) {
            LOG.log(Level.INFO, "Denied {0} to subject {1}: no ''{2}'' role", path, caller.subject(), opsRole);
            throw problem(
                    Status.FORBIDDEN_403,
                    "forbidden",
                    caller.hasRole(viewerRole)
                            ? "Changes through the ops API need the '" + opsRole + "' role; '" + viewerRole
                                    + "' may only read"
                            : "The ops API needs the '" + opsRole + "' role",
                    challenge("insufficient_scope", "The ops API needs the " + opsRole + " role"));
        }
        req.context().register(caller);
        LogContext.identify(caller.subject(), caller.clientId().orElse(null));
        chain.proceed();
    }

    /** Whether the request only reads and the caller may read the ops API. */
    private boolean reads(RoutingRequest req, Caller caller) {
        Method method = req.prologue().method();
        return (method.equals(Method.GET) || method.equals(Method.HEAD)) && caller.hasRole(viewerRole);
    }

    private Caller authenticate(List<String> authorization) {
        if (authorization.isEmpty()) {
            throw problem(Status.UNAUTHORIZED_401, "unauthorized", "A bearer token is required", REALM);
        }
        String value = authorization.getFirst();
        if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER.strip())) {
            throw problem(Status.UNAUTHORIZED_401, "unauthorized", "A bearer token is required", REALM);
        }
        String token = value.length() > BEARER.length()
                ? value.substring(BEARER.length()).strip()
                : "";
        if (authorization.size() > 1
                || !value.toLowerCase(Locale.ROOT).startsWith(BEARER)
                || token.isEmpty()
                || token.chars().anyMatch(Character::isWhitespace)) {
            throw problem(
                    Status.BAD_REQUEST_400,
                    "invalid-request",
                    "The Authorization header must be exactly one 'Bearer <token>'",
                    challenge("invalid_request", "Malformed Authorization header"));
        }
        try {
            return verifier.verify(token);
        } catch (TokenRejectedException e) {
            LOG.log(Level.DEBUG, "Rejected a bearer token: {0}", e.getMessage());
            throw problem(
                    Status.UNAUTHORIZED_401,
                    "invalid-token",
                    e.getMessage(),
                    challenge("invalid_token", e.getMessage()));
        } catch (ProviderUnavailableException e) {
            LOG.log(Level.WARNING, "Cannot check a bearer token: " + e.getMessage());
            throw new ProblemException(
                            Status.SERVICE_UNAVAILABLE_503,
                            "identity-provider-unavailable",
                            "The gateway cannot reach its identity provider to check the token; try again shortly")
                    .header("Retry-After", "5");
        }
    }

    private static String challenge(String error, String description) {
        return REALM + ", error=\"" + error + "\", error_description=\"" + description + "\"";
    }

    private static ProblemException problem(Status status, String slug, String detail, String challenge) {
        return new ProblemException(status, slug, detail).header(HeaderNames.WWW_AUTHENTICATE.defaultCase(), challenge);
    }
}
