package com.mirogateway.plugins.webhooks;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.PluginContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * The webhooks plugin: receives Miro's board events at {@code POST /webhooks/miro/{subscriptionSecret}}, stores each
 * durably with the job that applies it to board-sync's cache ({@code webhooks.apply-event}), manages Miro board
 * subscriptions and shows deliveries under {@code /admin/webhooks}.
 *
 * <p>board-sync is an optional dependency: the cache is reached through the
 * {@link com.mirogateway.platform.api.BoardCache} service, and while board-sync is not running events wait in the
 * queue. {@link #start} reads {@code plugins.webhooks}, applies the plugin's migrations and registers everything;
 * {@link #stop} ends the inbox pruning.
 */
@Extension
public final class WebhooksPlugin implements GatewayPlugin {
    private static final System.Logger LOG = System.getLogger(WebhooksPlugin.class.getName());

    private ScheduledExecutorService pruning;

    @Override
    public void start(PluginContext context) {
        WebhooksConfig config = WebhooksConfig.from(context.config());
        context.store().migrate("db/migration");
        Clock clock = Clock.systemUTC();
        Inbox inbox = new Inbox(context.store());
        SubscriptionStore subscriptions = new SubscriptionStore(context.store());
        WebhookMetrics metrics = new WebhookMetrics();
        context.jobs().handle(ApplyEvent.TYPE, new ApplyEvent(inbox, context.services(), metrics, config, clock));
        new Receiver(subscriptions, inbox, context.jobs(), metrics, config.maxBodySize(), clock)
                .register(context.routes());
        new WebhooksAdmin(subscriptions, inbox, context.miro(), config.publicBaseUrl(), clock)
                .register(context.routes());
        pruning = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("webhooks-prune").factory());
        long period = Math.max(
                1_000,
                Math.min(config.retention().toMillis() / 10, Duration.ofHours(1).toMillis()));
        var unused = pruning.scheduleWithFixedDelay(
                () -> prune(inbox, config, clock), period, period, TimeUnit.MILLISECONDS);
        LOG.log(
                Level.INFO,
                "Webhooks: callback base {0}, deliveries kept {1}",
                config.publicBaseUrl().map(Object::toString).orElse("(not set: no new subscriptions)"),
                config.retention());
    }

    private static void prune(Inbox inbox, WebhooksConfig config, Clock clock) {
        try {
            long removed = inbox.prune(clock.millis() - config.retention().toMillis());
            if (removed > 0) {
                LOG.log(Level.INFO, "Pruned {0} processed webhook deliveries", removed);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pruning webhook deliveries failed", e);
        }
    }

    @Override
    public void stop() {
        if (pruning != null) {
            pruning.shutdownNow();
            pruning = null;
        }
    }
}
