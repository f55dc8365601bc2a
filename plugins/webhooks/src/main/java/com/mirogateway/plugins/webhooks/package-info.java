/**
 * Miro webhook receiver: verify, store durably, enqueue, apply. Its routes arrive with the webhooks issue; until then the
 * plugin starts and claims nothing.
 */
package com.mirogateway.plugins.webhooks;
