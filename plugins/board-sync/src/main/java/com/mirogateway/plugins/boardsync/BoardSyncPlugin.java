package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.BoardCache;
import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.MiroClient;
import com.mirogateway.platform.api.PluginContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import org.pf4j.Extension;

/**
 * The board-sync plugin: boards and items served from a read-through cache of Miro, under the gateway's {@code /api}
 * and under Miro's own {@code /v2} paths; board syncs as durable jobs with a re-sync schedule; the cache's ops
 * endpoints; and the {@link BoardCache} service for other plugins.
 *
 * <p>{@link #start} reads {@code plugins.board-sync}, applies the plugin's migrations, and registers everything;
 * {@link #stop} ends the schedule and waits for background refreshes. Both run on the host's control thread.
 */
@Extension
public final class BoardSyncPlugin implements GatewayPlugin {
    private static final System.Logger LOG = System.getLogger(BoardSyncPlugin.class.getName());

    private ReadThrough cache;
    private ResyncSchedule schedule;
    private EventHub hub;
    private ChangeSignal signal;

    @Override
    public void start(PluginContext context) {
        BoardSyncConfig config = BoardSyncConfig.from(context.config());
        context.store().migrate("db/migration");
        Clock clock = Clock.systemUTC();
        MiroClient miro = context.miro();
        CacheStore store = new CacheStore(context.store());
        CacheStats stats = new CacheStats();
        SyncState state = new SyncState(context.store(), clock);
        MemoryCache memory = new MemoryCache(config.memoryMaxEntries(), config.memoryTtl());
        ReadThrough readThrough = new ReadThrough(
                store,
                memory,
                new Freshness(config.freshFor(), config.staleWhileRevalidate(), config.staleIfError()),
                config.waitTimeout(),
                stats,
                clock,
                new MemoryInvalidations(context.cluster()));
        ReplicaStore replica = new ReplicaStore(context.store());
        EventLog events = new EventLog(context.store());
        BoardSyncConfig.Events feed = config.events();
        EventHub hub = new EventHub(events, readThrough, feed.maxStreams());
        ChangeSignal signal = new PollingChangeSignal(events, feed.pollInterval(), feed.retention(), clock);
        BoardChanges changes = new BoardChanges(context.store(), readThrough, signal, clock);
        BoardReads reads = new BoardReads(miro, readThrough, state, new ReplicaReads(replica, memory, clock));
        SyncRequests syncs = new SyncRequests(context.jobs(), state, config.sync(), clock);
        context.jobs()
                .handle(
                        BoardSync.TYPE,
                        new BoardSync(miro, store, replica, changes, readThrough, state, config.sync(), clock));
        new ApiRoutes(reads, syncs).register(context.routes());
        new MiroSurface(reads, new ItemWrites(miro, changes)).register(context.routes());
        new CacheAdmin(store, readThrough, stats, state).register(context.routes());
        new EventStream(hub, events, feed.keepalive(), feed.retryAfter()).register(context.routes());
        context.services().register(BoardCache.class, new BoardCacheService(store, readThrough, changes));
        this.cache = readThrough;
        this.hub = hub;
        this.signal = signal;
        signal.start(hub::moved);
        if (config.resync().enabled()) {
            this.schedule = ResyncSchedule.start(state, syncs, config.resync(), clock);
        }
        LOG.log(
                Level.INFO,
                "Board cache: fresh for {0}, stale-while-revalidate {1}, stale-if-error {2}; re-sync {3}",
                config.freshFor(),
                config.staleWhileRevalidate(),
                config.staleIfError(),
                config.resync().enabled() ? "every " + config.resync().interval() : "off");
    }

    @Override
    public void stop() {
        if (signal != null) {
            signal.close();
            signal = null;
        }
        if (hub != null) {
            hub.close();
            hub = null;
        }
        if (schedule != null) {
            schedule.close();
            schedule = null;
        }
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }
}
