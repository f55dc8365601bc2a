package com.mirogateway.platform.api;

import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import java.util.Set;

/**
 * Who made a request, as the host authenticated it from the request's OIDC bearer token.
 *
 * <p>The host registers a caller in the request context before a plugin's handler runs, for every request that carried
 * a valid token (all of {@code /api/**}, {@code /v2/**} and {@code /admin/**} when security is enabled). There is no
 * caller on public paths ({@code /static/**}, {@code /observe/health}, routes claimed public) and none at all when the
 * gateway runs with {@code security.enabled=false}; a plugin that needs one must treat its absence as "anonymous".
 *
 * @param subject the token's {@code sub} claim: the user or service the token was issued for
 * @param clientId the OAuth client the token was issued to ({@code azp}, else {@code client_id}), if the token names
 *     one
 * @param roles the roles read from the configured roles claim ({@code security.roles-claim}); empty if there are none
 */
public record Caller(String subject, Optional<String> clientId, Set<String> roles) {

    /**
     * Creates a caller.
     *
     * @param subject the subject, never blank
     * @param clientId the client id, if known
     * @param roles the roles (copied)
     * @throws IllegalArgumentException if {@code subject} is blank
     */
    public Caller {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("A caller needs a subject");
        }
        roles = Set.copyOf(roles);
    }

    /**
     * Whether the caller has a role.
     *
     * @param role the role, compared exactly
     * @return true if the roles claim listed it
     */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * The authenticated caller of a request.
     *
     * @param request a request the host is serving
     * @return the caller, or empty for an unauthenticated request (public path, or security disabled)
     */
    public static Optional<Caller> of(ServerRequest request) {
        return request.context().get(Caller.class);
    }
}
