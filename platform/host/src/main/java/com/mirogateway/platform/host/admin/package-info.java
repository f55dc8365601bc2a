/**
 * The ops API under {@code /admin}: plugin states, enable/disable, the live route table. Until OIDC roles guard it, it
 * answers loopback clients only unless {@code admin.loopback-only} is false.
 */
package com.mirogateway.platform.host.admin;
