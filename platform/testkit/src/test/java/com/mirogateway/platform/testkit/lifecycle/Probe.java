package com.mirogateway.platform.testkit.lifecycle;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the test plugins report to the test. Not packed into the plugin jars: the plugins' class loaders find it on the
 * test class path through their parent, so every version sees this one class. It holds class loaders only weakly.
 */
public final class Probe {
    private static final List<WeakReference<ClassLoader>> LOADERS = new CopyOnWriteArrayList<>();
    private static final Map<String, List<String>> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, String> REACHED = new ConcurrentHashMap<>();
    private static final AtomicInteger HELD = new AtomicInteger();
    private static volatile CountDownLatch release = new CountDownLatch(1);

    private Probe() {}

    /** Called by each started version with its class loader. */
    public static void loaded(ClassLoader loader) {
        LOADERS.add(new WeakReference<>(loader));
    }

    /** Called by a job handler: which version ran the job. */
    public static void ran(String jobId, String version) {
        RUNS.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(version);
    }

    /** Called by a request entering {@code /hold}: the latch it waits for. */
    public static CountDownLatch entered() {
        HELD.incrementAndGet();
        return release;
    }

    /** Called by the service: which version a call about {@code key} reached. */
    public static void reached(String key, String version) {
        REACHED.put(key, version);
    }

    /** Which version the last service call about {@code key} reached. */
    public static String reachedBy(String key) {
        return REACHED.get(key);
    }

    /** Weak references to the class loader of every version started so far. */
    public static List<WeakReference<ClassLoader>> loaders() {
        return List.copyOf(LOADERS);
    }

    /** Which versions ran each job, by job id. */
    public static Map<String, List<String>> runs() {
        return Map.copyOf(RUNS);
    }

    /** How many requests entered {@code /api/lifecycle/hold}. */
    public static int held() {
        return HELD.get();
    }

    /** Lets every held request finish. */
    public static void release() {
        release.countDown();
    }

    /** Forgets everything (between tests). */
    public static void reset() {
        LOADERS.clear();
        RUNS.clear();
        REACHED.clear();
        HELD.set(0);
        release = new CountDownLatch(1);
    }
}
