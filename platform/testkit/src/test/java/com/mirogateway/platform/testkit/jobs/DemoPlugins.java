package com.mirogateway.platform.testkit.jobs;

import com.mirogateway.platform.testkit.PluginJar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The demo plugins as jars, the way the gateway loads them. */
public final class DemoPlugins {
    static final String MIGRATION = "demo-jobs/migration/V1__demo_runs.sql";

    private DemoPlugins() {}

    /** {@code demo-jobs}: handles {@code demo.work}, with its migration script inside the jar. */
    public static PluginJar worker() {
        return PluginJar.of("demo-jobs").classes(DemoJobsPlugin.class).entry(MIGRATION, resource(MIGRATION));
    }

    /** {@code demo-producer}: the enqueue route. */
    public static PluginJar producer() {
        return PluginJar.of("demo-producer").classes(DemoProducerPlugin.class);
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoPlugins.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
