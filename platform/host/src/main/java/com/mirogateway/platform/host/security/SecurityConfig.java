package com.mirogateway.platform.host.security;

import io.helidon.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code security} section: OIDC bearer authentication.
 *
 * @param enabled whether requests outside {@code publicPaths} need a valid bearer token
 * @param issuer the OIDC issuer URL (its {@code /.well-known/openid-configuration} is read); required when enabled
 * @param audiences the token's {@code aud} must contain at least one of these; required when enabled
 * @param rolesClaim the claim holding the caller's roles, a name or a dotted path ({@code realm_access.roles})
 * @param opsRole the role {@code /admin/**} requires
 * @param viewerRole {@code security.console.viewer-role}: a caller with it but without {@code opsRole} may read the ops
 *     API ({@code GET} and {@code HEAD}) and change nothing
 * @param clockSkew tolerance when checking {@code exp} and {@code nbf}
 * @param jwksCacheTtl how long a fetched key set is used before it is fetched again
 * @param jwksRefreshMinInterval least time between two fetches of the key set (a token with an unknown {@code kid}
 *     triggers one), so forged {@code kid}s cannot make the gateway hammer the provider
 * @param fetchTimeout connect and read timeout of calls to the provider
 * @param publicPaths path prefixes served without a token; everything else needs one
 * @param adminLoopbackOnly whether {@code /admin} additionally only answers loopback clients
 */
record SecurityConfig(
        boolean enabled,
        Optional<URI> issuer,
        List<String> audiences,
        String rolesClaim,
        String opsRole,
        String viewerRole,
        Duration clockSkew,
        Duration jwksCacheTtl,
        Duration jwksRefreshMinInterval,
        Duration fetchTimeout,
        List<String> publicPaths,
        boolean adminLoopbackOnly) {

    static final List<String> DEFAULT_PUBLIC_PATHS =
            List.of("/observe/health", "/observe/metrics", "/static", "/console");

    /**
     * Reads the section.
     *
     * @param root the whole configuration ({@code security.*} and {@code admin.loopback-only} are read)
     * @throws SecurityConfigException if security is enabled without an issuer or audience, or a value is invalid
     */
    static SecurityConfig from(Config root) {
        Config security = root.get("security");
        boolean enabled = security.get("enabled").asBoolean().orElse(true);
        Optional<URI> issuer = Settings.string(security.get("issuer")).map(SecurityConfig::issuerUri);
        List<String> audiences = Settings.list(security.get("audience"));
        if (enabled && issuer.isEmpty()) {
            throw new SecurityConfigException("security.issuer is not set. Point it at your OIDC provider "
                    + "(GATEWAY_SECURITY_ISSUER=https://idp.example.com/realms/miro), or run without "
                    + "authentication by setting security.enabled=false explicitly "
                    + "(GATEWAY_SECURITY_ENABLED=false; development only)");
        }
        if (enabled && audiences.isEmpty()) {
            throw new SecurityConfigException("security.audience is not set: name the audience (aud) the "
                    + "provider puts into tokens meant for this gateway (GATEWAY_SECURITY_AUDIENCE)");
        }
        List<String> publicPaths = security.get("public-paths").exists()
                ? Settings.list(security.get("public-paths"))
                : DEFAULT_PUBLIC_PATHS;
        for (String path : publicPaths) {
            if (!path.startsWith("/") || path.endsWith("/") || path.contains("*")) {
                throw new SecurityConfigException("security.public-paths: '" + path
                        + "' must be a path prefix like /static (leading slash, no trailing slash or wildcard)");
            }
        }
        return new SecurityConfig(
                enabled,
                issuer,
                audiences,
                Settings.string(security.get("roles-claim")).orElse("roles"),
                Settings.string(security.get("ops-role")).orElse("ops"),
                Settings.string(security.get("console.viewer-role")).orElse("ops-viewer"),
                Settings.duration(security.get("clock-skew"), Duration.ofSeconds(60)),
                Settings.duration(security.get("jwks-cache-ttl"), Duration.ofMinutes(10)),
                Settings.duration(security.get("jwks-refresh-min-interval"), Duration.ofSeconds(30)),
                Settings.duration(security.get("fetch-timeout"), Duration.ofSeconds(5)),
                publicPaths,
                root.get("admin.loopback-only").asBoolean().orElse(false));
    }

    private static URI issuerUri(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new SecurityConfigException("security.issuer is not a URL: " + value, e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new SecurityConfigException("security.issuer must be an http(s) URL: " + value);
        }
        return uri;
    }
}
