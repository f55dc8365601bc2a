/**
 * The legacy-proxy plugin: the terminal default for {@code /api/**}, forwarding every request no other plugin claims to
 * the legacy C# service ({@code legacy.base-url}), streaming bodies both ways.
 */
package com.mirogateway.plugins.legacyproxy;
