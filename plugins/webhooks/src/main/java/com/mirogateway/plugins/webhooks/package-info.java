/**
 * Miro webhook receiver: checks the callback URL's secret, stores each board event durably with the job that applies
 * it to board-sync's cache, and manages Miro board subscriptions (see {@link
 * com.mirogateway.plugins.webhooks.WebhooksPlugin}).
 */
package com.mirogateway.plugins.webhooks;
