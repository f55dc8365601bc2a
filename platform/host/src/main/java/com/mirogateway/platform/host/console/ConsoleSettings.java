package com.mirogateway.platform.host.console;

/**
 * The body of {@code GET /console/config.json}: what the page needs before it can call the ops API. Nothing in it is
 * secret (the console is a public OIDC client: PKCE, no client secret).
 *
 * @param version the gateway's version, {@code development} when run from the build's classes
 * @param signIn whether the ops API needs a bearer token (security on)
 * @param issuer the OIDC issuer the page signs in at (the gateway's own {@code security.issuer}); null with security
 *     off
 * @param clientId {@code security.console.client-id}, the page's public client at the issuer; null when not set
 * @param scope {@code security.console.scope}, the scopes the page asks for
 * @param rolesClaim {@code security.roles-claim}, where the page finds the user's roles in a JWT access token
 * @param opsRole {@code security.ops-role}: without it the page greys out changes (the ops API refuses them anyway)
 */
record ConsoleSettings(
        String version,
        boolean signIn,
        String issuer,
        String clientId,
        String scope,
        String rolesClaim,
        String opsRole) {}
