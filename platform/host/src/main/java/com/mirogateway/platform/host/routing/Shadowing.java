package com.mirogateway.platform.host.routing;

import com.mirogateway.platform.api.CorrelationId;
import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.host.logging.LogContext;
import com.mirogateway.platform.host.plugins.PluginRuntimeAccess;
import com.mirogateway.platform.host.plugins.RouteEntry;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code shadow} and {@code legacy-vs-legacy} modes: legacy answers the client; a safe request (GET or HEAD
 * without a body, sampled by {@code routing.shadow.sample-percent}) is then run a second time on a copy, off the
 * client's path, and the two answers are compared.
 *
 * <p>On the request thread only cheap work happens: a permit is taken (at most {@code routing.shadow.max-in-flight}
 * comparisons at once; without a permit the request is served but not compared), the legacy body is copied while it
 * streams to the client (up to {@code routing.shadow.max-body-size}), and the request is copied. The second run
 * (the plugin's handler in {@code shadow} mode, the legacy handler again in {@code legacy-vs-legacy}) gets its own
 * virtual thread, enters the plugin's in-flight gate, writes into a {@link CapturingResponse}, and is abandoned (and
 * interrupted) after {@code routing.shadow.timeout}; its permit returns only when it really ends, so a hanging plugin
 * can hold at most that many threads. Unsafe methods are never run twice.
 */
final class Shadowing implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Shadowing.class.getName());

    private final RoutingConfig config;
    private final IgnoreRules ignore;
    private final DiffRecorder recorder;
    private final Semaphore permits;
    private final ScheduledExecutorService timeouts;

    Shadowing(RoutingConfig config, DiffRecorder recorder) {
        this.config = config;
        this.ignore = IgnoreRules.of(config.ignoreFields());
        this.recorder = recorder;
        this.permits = new Semaphore(config.maxInFlight());
        this.timeouts = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("shadow-timeouts").factory());
    }

    /**
     * Serves a request on a compared route: legacy answers; the request may be compared afterwards.
     *
     * @return false if legacy was being disabled (resolve again)
     */
    boolean serve(
            RouteMode mode,
            RouteEntry route,
            PluginRuntimeAccess.Call legacy,
            ServerRequest req,
            ServerResponse res,
            ModeRouter.Invoker invoker)
            throws Exception {
        if (!comparable(req)) {
            return invoker.invoke(legacy, req, res);
        }
        if (!permits.tryAcquire()) {
            recorder.skipped(route.id(), mode.mode());
            return invoker.invoke(legacy, req, res);
        }
        boolean handedOver = false;
        try {
            TeeResponse tee = new TeeResponse(res, config.maxBodySize());
            long start = System.nanoTime();
            if (!invoker.invoke(legacy, req, tee)) {
                return false;
            }
            Answer answer = tee.answer(config.compareHeaders(), System.nanoTime() - start);
            if (answer.truncated()) {
                recorder.skipped(route.id(), mode.mode());
                return true;
            }
            Run run = new Run(
                    route.id(),
                    mode.mode(),
                    mode.mode() == Mode.SHADOW ? PluginRuntimeAccess.call(route) : legacy,
                    ShadowRequest.copyOf(req),
                    answer,
                    ignore.and(mode.ignoreFields()));
            Thread.ofVirtual().name("shadow-" + route.id()).start(run::execute);
            handedOver = true;
            return true;
        } finally {
            if (!handedOver) {
                permits.release();
            }
        }
    }

    private boolean comparable(ServerRequest req) {
        Method method = req.prologue().method();
        if (!(method.equals(Method.GET) || method.equals(Method.HEAD))
                || req.content().hasEntity()) {
            return false;
        }
        int sample = config.samplePercent();
        return sample >= 100 || (sample > 0 && ThreadLocalRandom.current().nextInt(100) < sample);
    }

    /** One second run and its comparison, on its own virtual thread. */
    private final class Run {
        private final String routeId;
        private final Mode kind;
        private final PluginRuntimeAccess.Call second;
        private final ShadowRequest copy;
        private final Answer legacy;
        private final IgnoreRules rules;
        private final AtomicBoolean finished = new AtomicBoolean();

        Run(
                String routeId,
                Mode kind,
                PluginRuntimeAccess.Call second,
                ShadowRequest copy,
                Answer legacy,
                IgnoreRules rules) {
            this.routeId = routeId;
            this.kind = kind;
            this.second = second;
            this.copy = copy;
            this.legacy = legacy;
            this.rules = rules;
        }

        void execute() {
            Thread self = Thread.currentThread();
            ScheduledFuture<?> timeout = null;
            try {
                copy.context().get(CorrelationId.class).ifPresent(id -> LogContext.set(id.value()));
                timeout =
                        timeouts.schedule(() -> abandon(self), config.timeout().toMillis(), TimeUnit.MILLISECONDS);
                compare(timeout);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Comparison of " + routeId + " failed", e);
            } finally {
                if (timeout != null) {
                    timeout.cancel(false);
                }
                permits.release();
                LogContext.clear();
                Thread.interrupted(); // a late timeout must not leak into what the thread does next
            }
        }

        private void abandon(Thread runner) {
            if (finished.compareAndSet(false, true)) {
                recorder.timedOut(routeId, kind);
                LOG.log(
                        Level.WARNING,
                        "Second run of {0} ({1}) took longer than {2}; abandoned",
                        routeId,
                        kind.text(),
                        config.timeout());
                runner.interrupt();
            }
        }

        private void compare(ScheduledFuture<?> timeout) {
            if (!second.enter()) {
                if (finished.compareAndSet(false, true)) {
                    recorder.skipped(routeId, kind);
                }
                return;
            }
            CapturingResponse capture =
                    new CapturingResponse(copy.listenerContext().mediaContext(), copy.headers(), config.maxBodySize());
            long start = System.nanoTime();
            Throwable thrown = null;
            try {
                second.run(copy, capture);
            } catch (Exception | LinkageError e) {
                thrown = e;
            } finally {
                second.exit();
            }
            long nanos = System.nanoTime() - start;
            timeout.cancel(false);
            if (!finished.compareAndSet(false, true)) {
                return; // timed out: already counted
            }
            Answer answer = thrown == null
                    ? capture.answer(config.compareHeaders(), nanos, Optional.empty())
                    : new Answer(
                            statusOf(thrown),
                            Map.of(),
                            Optional.empty(),
                            new byte[0],
                            false,
                            nanos,
                            Optional.of(describe(thrown)));
            if (answer.truncated()) {
                recorder.skipped(routeId, kind);
                return;
            }
            JsonDiff.Result result = thrown == null
                    ? Comparison.compare(legacy, answer, config.compareHeaders(), rules)
                    : Comparison.compare(statusOnly(legacy), statusOnly(answer), List.of(), IgnoreRules.NONE);
            boolean pluginError = thrown != null && ModeRouter.isFailure(thrown);
            boolean slower = answer.nanos() > legacy.nanos();
            String report = result.matches()
                    ? null
                    : MismatchReport.json(routeId, kind, copy, legacy, answer, result, System.currentTimeMillis());
            recorder.compared(routeId, kind, result.matches(), pluginError, slower, report);
        }
    }

    private static Answer statusOnly(Answer answer) {
        return new Answer(
                answer.status(), Map.of(), Optional.empty(), new byte[0], false, answer.nanos(), answer.error());
    }

    private static int statusOf(Throwable thrown) {
        return switch (thrown) {
            case ProblemException problem -> problem.status().code();
            case HttpException http -> http.status().code();
            default -> 500;
        };
    }

    private static String describe(Throwable thrown) {
        String message = thrown.getMessage();
        return thrown.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        timeouts.shutdownNow();
    }
}
