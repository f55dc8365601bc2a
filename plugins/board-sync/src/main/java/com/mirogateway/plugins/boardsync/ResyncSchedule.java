package com.mirogateway.plugins.boardsync;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Re-syncs the boards clients read recently, so their cache stays fresh when no webhook arrives. Every {@code
 * resync.interval} it picks at most {@code resync.max-boards} boards read within {@code resync.read-within} and not
 * synced during the last interval (least recently synced first) and requests their syncs spread evenly over the
 * interval, so they never arrive at Miro together; the syncs themselves only use the rate budget above the interactive
 * reserve. Requests are idempotent, so gateways sharing a database may all run the schedule. Runs on its own daemon
 * thread; {@link #close()} stops it.
 */
final class ResyncSchedule implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ResyncSchedule.class.getName());

    private final SyncState state;
    private final SyncRequests syncs;
    private final BoardSyncConfig.Resync config;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    private ResyncSchedule(SyncState state, SyncRequests syncs, BoardSyncConfig.Resync config, Clock clock) {
        this.state = state;
        this.syncs = syncs;
        this.config = config;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("board-sync-resync").factory());
    }

    static ResyncSchedule start(SyncState state, SyncRequests syncs, BoardSyncConfig.Resync config, Clock clock) {
        ResyncSchedule schedule = new ResyncSchedule(state, syncs, config, clock);
        long period = config.interval().toMillis();
        var unused = schedule.timer.scheduleWithFixedDelay(schedule::runOnce, period, period, TimeUnit.MILLISECONDS);
        return schedule;
    }

    /** One round: requests the due boards' syncs; a failure is logged and the next round tries again. */
    void runOnce() {
        try {
            long now = clock.millis();
            long interval = config.interval().toMillis();
            List<String> boards =
                    state.dueForResync(now - config.readWithin().toMillis(), now - interval, config.maxBoards());
            for (int i = 0; i < boards.size(); i++) {
                Instant runAt = Instant.ofEpochMilli(now + interval * i / boards.size());
                syncs.request(boards.get(i), Optional.of(runAt));
            }
            if (!boards.isEmpty()) {
                LOG.log(
                        Level.INFO,
                        "Re-sync of {0} recently read boards requested over {1}",
                        boards.size(),
                        config.interval());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The re-sync schedule failed this round", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
