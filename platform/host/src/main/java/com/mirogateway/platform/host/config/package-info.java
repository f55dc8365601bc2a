/**
 * Loading the gateway configuration from its layers: {@code conf/application.yaml}, the file named by
 * {@code GATEWAY_CONFIG}, then {@code GATEWAY_*} environment variables (later wins).
 */
package com.mirogateway.platform.host.config;
