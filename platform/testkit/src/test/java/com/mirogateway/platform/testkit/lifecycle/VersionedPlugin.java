package com.mirogateway.platform.testkit.lifecycle;

import com.mirogateway.platform.api.BoardCache;
import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.JobRequest;
import com.mirogateway.platform.api.PluginContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * Test plugin packed in several versions: its version is the {@code lifecycle-version.txt} entry of its jar. Answers
 * {@code GET /api/lifecycle/version}; {@code GET /api/lifecycle/hold} stays inside the plugin until
 * {@link Probe#release()}; {@code POST /api/lifecycle/jobs?n=} enqueues jobs of type {@code lifecycle-run}, whose
 * handler records which version ran it in {@link Probe}; offers {@link BoardCache} as a service whose
 * {@code boardChanged} records which version a call reached.
 */
@Extension
public final class VersionedPlugin implements GatewayPlugin {
    @Override
    public void start(PluginContext context) {
        String version = packedVersion(getClass().getClassLoader());
        Probe.loaded(getClass().getClassLoader());
        context.routes().get("/api/lifecycle/version", (req, res) -> res.send(version));
        context.routes().get("/api/lifecycle/hold", (req, res) -> {
            CountDownLatch release = Probe.entered();
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            res.send("held by " + version);
        });
        context.routes().post("/api/lifecycle/jobs", (req, res) -> {
            int n = Integer.parseInt(req.query().get("n"));
            Instant runAt = Instant.now()
                    .plusMillis(Long.parseLong(req.query().first("delayMs").orElse("0")));
            for (int i = 0; i < n; i++) {
                context.jobs()
                        .enqueue(JobRequest.builder("lifecycle-run", "{}")
                                .runAt(runAt)
                                .build());
            }
            res.send("enqueued " + n);
        });
        context.jobs().handle("lifecycle-run", job -> Probe.ran(job.id(), version));
        context.services().register(BoardCache.class, new VersionCache(version));
    }

    /** The SDK service this plugin offers: records which version a consumer's call reached. */
    private record VersionCache(String version) implements BoardCache {
        @Override
        public boolean itemChanged(String boardId, String itemJson) {
            return false;
        }

        @Override
        public void itemDeleted(String boardId, String itemId) {}

        @Override
        public void boardChanged(String boardId) {
            Probe.reached(boardId, version);
        }
    }

    /**
     * The version a test plugin's jar was packed as: its {@code lifecycle-version.txt} (see {@link Uploads}). Public:
     * other test plugins call it from their own class loader.
     */
    public static String packedVersion(ClassLoader pluginLoader) {
        try (InputStream in = pluginLoader.getResourceAsStream("lifecycle-version.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
