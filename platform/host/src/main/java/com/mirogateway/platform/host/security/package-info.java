/**
 * Edge security: OIDC bearer-token authentication and the {@code ops} role, CORS, TLS with HSTS, security headers,
 * the parsed-body limit, and {@link com.mirogateway.platform.host.security.SecretRef}, the one way the host reads a
 * secret (from an environment variable or a mounted file, never from the configuration itself).
 *
 * <p>{@link com.mirogateway.platform.host.security.EdgeSecurity} is the entry point the gateway wires in; everything
 * else here is package-private.
 */
package com.mirogateway.platform.host.security;
