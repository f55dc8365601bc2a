package com.mirogateway.plugins.boardsync;

import com.mirogateway.platform.api.MiroErrorException;
import com.mirogateway.platform.api.MiroException;
import com.mirogateway.platform.api.ProblemException;
import io.helidon.http.Status;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The read-through cache: serves a fresh copy, or a stale one while refreshing it in the background, or asks Miro
 * (one call per key at a time, however many requests miss together) and stores the answer; when Miro fails, is
 * rate-limited or its circuit is open, a stale copy stands in within the stale-if-error window.
 *
 * <p>{@link #read} runs on the request's thread; the first request that misses a key calls Miro on its own thread,
 * the others wait for that call at most {@code wait-timeout}. Background refreshes run on virtual threads, which
 * {@link #close()} waits for. A 404 from Miro removes the copies stored before Miro was asked (the board or item is
 * gone); a copy stored while the call waited is newer than the answer and stays. Thread-safe.
 */
final class ReadThrough implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReadThrough.class.getName());

    private final CacheStore store;
    private final MemoryCache memory;
    private final Freshness freshness;
    private final Duration waitTimeout;
    private final CacheStats stats;
    private final Clock clock;
    private final MemoryInvalidations others;
    private final Map<String, CompletableFuture<CacheEntry>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    ReadThrough(
            CacheStore store,
            MemoryCache memory,
            Freshness freshness,
            Duration waitTimeout,
            CacheStats stats,
            Clock clock,
            MemoryInvalidations others) {
        this.store = store;
        this.memory = memory;
        this.others = others;
        others.listen(memory);
        this.freshness = freshness;
        this.waitTimeout = waitTimeout;
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * Serves a key from the cache or from Miro.
     *
     * @param key what to read
     * @param fetch asks Miro for it and returns Miro's JSON body (throws {@link MiroException} when Miro fails)
     * @return the response and how it was served
     * @throws MiroException if Miro failed and no cached copy may stand in (a 404 also removes the cached copy)
     * @throws ProblemException 504 if another request's call to Miro for the key took longer than the wait timeout
     *     and nothing is cached
     */
    Cached read(CacheKey key, Supplier<String> fetch) {
        long now = clock.millis();
        Optional<CacheEntry> cached = lookup(key, now);
        Freshness.State state = cached.map(e -> freshness.classify(now - e.fetchedAt(), e.invalidated()))
                .orElse(Freshness.State.EXPIRED);
        if (state == Freshness.State.FRESH) {
            stats.hit();
            return Cached.of(cached.get(), Cached.Outcome.HIT, now);
        }
        if (state == Freshness.State.REVALIDATE) {
            stats.stale();
            revalidate(key, fetch);
            return Cached.of(cached.get(), Cached.Outcome.STALE, now);
        }
        try {
            CacheEntry loaded = load(key, fetch);
            stats.miss();
            return Cached.of(loaded, Cached.Outcome.MISS, clock.millis());
        } catch (MiroErrorException e) {
            stats.error();
            throw e;
        } catch (MiroException | WaitTimeoutException e) {
            if (cached.isPresent() && state == Freshness.State.ERROR_ONLY) {
                stats.staleOnError();
                LOG.log(Level.DEBUG, "Serving {0} stale: {1}", key.id(), e.getMessage());
                return Cached.of(cached.get(), Cached.Outcome.STALE, clock.millis());
            }
            stats.error();
            if (e instanceof WaitTimeoutException) {
                throw new ProblemException(
                        Status.GATEWAY_TIMEOUT_504,
                        "miro-timeout",
                        "Miro did not answer in time and nothing is cached",
                        e);
            }
            throw e;
        }
    }

    /** Stores a copy Miro sent outside a read (a write's answer, a sync, a webhook), replacing the cached one. */
    void put(CacheKey key, String body) {
        long now = clock.millis();
        store.save(key, body, now);
        memory.put(key, CacheEntry.of(body, now, false), now);
        others.key(key);
    }

    /** Removes a key's copy from memory here and on the other gateways (the tables are changed by the caller). */
    void forgetInMemory(CacheKey key) {
        memory.remove(key);
        others.key(key);
    }

    /** Drops everything a board has in memory here and on the other gateways (after its tables changed). */
    void forgetBoardInMemory(String boardId) {
        memory.removeBoard(boardId);
        others.board(boardId);
    }

    /** Drops the memory layer here and on the other gateways. */
    void forgetAllInMemory() {
        memory.clear();
        others.all();
    }

    int memorySize() {
        return memory.size();
    }

    /**
     * After Miro's 404 to a call made at {@code askedAt}: removes the key's copies written before then. A copy written
     * later (an item event applied while the call waited) is newer than the answer and stays.
     */
    private void forget(CacheKey key, long askedAt) {
        memory.remove(key);
        switch (key) {
            case CacheKey.Item i -> {
                store.deleteItemFetchedBefore(i.board(), i.item(), askedAt);
                others.key(key);
            }
            case CacheKey.Board b -> {
                store.purgeBoardFetchedBefore(b.board(), askedAt);
                forgetBoardInMemory(b.board());
            }
            case CacheKey.Page p -> {
                // a list that is gone (its board was deleted) stays until it expires
            }
        }
    }

    private Optional<CacheEntry> lookup(CacheKey key, long now) {
        Optional<CacheEntry> held = memory.get(key, now);
        if (held.isPresent()) {
            return held;
        }
        Optional<CacheEntry> stored = store.find(key);
        stored.ifPresent(entry -> memory.put(key, entry, now));
        return stored;
    }

    /** Single flight: the first caller for a key calls Miro on its own thread; the others wait for its result. */
    private CacheEntry load(CacheKey key, Supplier<String> fetch) {
        CompletableFuture<CacheEntry> mine = new CompletableFuture<>();
        CompletableFuture<CacheEntry> running = inFlight.putIfAbsent(key.id(), mine);
        if (running != null) {
            stats.coalesced();
            return await(running);
        }
        try {
            CacheEntry entry = fetchAndStore(key, fetch, true);
            mine.complete(entry);
            return entry;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key.id(), mine);
        }
    }

    private void revalidate(CacheKey key, Supplier<String> fetch) {
        CompletableFuture<CacheEntry> mine = new CompletableFuture<>();
        if (inFlight.putIfAbsent(key.id(), mine) != null) {
            return; // a call for this key is already under way
        }
        stats.revalidation();
        try {
            background.execute(() -> {
                try {
                    mine.complete(fetchAndStore(key, fetch, false));
                } catch (RuntimeException e) {
                    stats.revalidationFailed();
                    LOG.log(Level.DEBUG, "Background refresh of {0} failed: {1}", key.id(), e.getMessage());
                    mine.completeExceptionally(e);
                } finally {
                    inFlight.remove(key.id(), mine);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(key.id(), mine); // stopping: no new refreshes
            mine.cancel(false);
        }
    }

    private CacheEntry fetchAndStore(CacheKey key, Supplier<String> fetch, boolean recheck) {
        if (recheck) {
            // A call that finished between this request's lookup and its turn may have stored a fresh copy already.
            Optional<CacheEntry> stored = store.find(key);
            long now = clock.millis();
            if (stored.isPresent()
                    && freshness.classify(
                                    now - stored.get().fetchedAt(), stored.get().invalidated())
                            == Freshness.State.FRESH) {
                memory.put(key, stored.get(), now);
                return stored.get();
            }
        }
        long askedAt = clock.millis();
        String body;
        try {
            body = fetch.get();
        } catch (MiroErrorException e) {
            if (e.status() == 404) {
                forget(key, askedAt); // here, not in every waiter: only this call knows when Miro was asked
            }
            throw e;
        }
        long fetchedAt = clock.millis();
        store.save(key, body, fetchedAt);
        CacheEntry entry = CacheEntry.of(body, fetchedAt, false);
        memory.put(key, entry, fetchedAt);
        return entry;
    }

    private CacheEntry await(CompletableFuture<CacheEntry> running) {
        try {
            return running.get(waitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new WaitTimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitTimeoutException(e);
        }
    }

    @Override
    public void close() {
        background.close();
    }

    /** Waiting for another request's call to Miro took longer than {@code wait-timeout}. */
    static final class WaitTimeoutException extends RuntimeException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        WaitTimeoutException(Throwable cause) {
            super("Waited longer than the wait timeout for Miro", cause);
        }
    }
}
