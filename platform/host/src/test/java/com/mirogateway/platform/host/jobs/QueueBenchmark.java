package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.api.JobHandler;
import com.mirogateway.platform.host.store.Databases;
import com.mirogateway.platform.host.store.HostStore;
import io.helidon.dbclient.DbRow;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The queue benchmark of {@code bench/queue/run.sh} (not a test): no-op jobs per second and enqueue-to-start latency
 * on SQLite and PostgreSQL, with 1 and 2 workers (queue instances: on SQLite sharing the one store of the process, on
 * PostgreSQL each with its own connection pool, as separate gateways would), and the claim batch size sweep.
 *
 * <p>Throughput: {@code JOBS} jobs are enqueued with no handler registered, then the handlers are registered and the
 * time until the last handler returned gives jobs/s. Latency: jobs enqueued at a steady {@code RATE} per second for
 * {@code SECONDS} seconds against idle workers; enqueue-to-start is {@code started_at - created_at} from the database
 * clock (millisecond resolution).
 */
final class QueueBenchmark {
    private static final int JOBS = Integer.getInteger("jobs", 20_000);
    private static final int RATE = Integer.getInteger("rate", 500);
    private static final int SECONDS = Integer.getInteger("seconds", 5);
    private static final int CONCURRENCY = Integer.getInteger("concurrency", 16);
    /** Runs as {@code <workers>x<batch>}, comma-separated; the first is also the unprinted warm-up. */
    private static final String RUNS = System.getProperty("runs", "1x50,2x50,1x1,1x10");

    private QueueBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> databases = args.length > 0 ? List.of(args) : List.of("sqlite", "postgresql");
        System.out.printf(
                Locale.ROOT,
                "%-10s %7s %5s %10s %10s %9s %9s %9s %9s%n",
                "database",
                "workers",
                "batch",
                "enqueue/s",
                "jobs/s",
                "p50 ms",
                "p99 ms",
                "jvm us/j",
                "db us/j");
        List<int[]> runs = Stream.of(RUNS.split(","))
                .map(r -> r.trim().split("x"))
                .map(r -> new int[] {Integer.parseInt(r[0]), Integer.parseInt(r[1])})
                .toList();
        for (String database : databases) {
            run(database, runs.get(0)[0], runs.get(0)[1], false); // warm-up: JIT, driver, pool
            for (int[] run : runs) {
                run(database, run[0], run[1], true);
            }
        }
    }

    private static void run(String database, int workers, int batch, boolean print) throws Exception {
        try (Databases.TestDatabase db = database.equals("sqlite") ? Databases.sqlite() : Databases.postgres()) {
            JobsConfig config = new JobsConfig(
                    CONCURRENCY,
                    batch,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(5),
                    12,
                    Duration.ofSeconds(10),
                    Duration.ofHours(1),
                    100,
                    Duration.ofSeconds(15),
                    Duration.ofDays(1));
            List<HostStore> stores = new ArrayList<>();
            List<JobQueue> queues = new ArrayList<>();
            HostStore first = HostStore.open(db.config());
            stores.add(first);
            for (int i = 0; i < workers; i++) {
                HostStore store = database.equals("sqlite") || i == 0 ? first : HostStore.open(db.config());
                if (store != first) {
                    stores.add(store);
                }
                JobQueue queue = JobQueue.create(store, config);
                queue.start();
                queues.add(queue);
            }
            try {
                Result throughput = throughput(queues, first);
                long[] latency = latency(queues, first);
                if (!print) {
                    return;
                }
                System.out.printf(
                        Locale.ROOT,
                        "%-10s %7d %5d %10.0f %10.0f %9d %9d %9.0f %9.0f%n",
                        database,
                        workers,
                        batch,
                        throughput.enqueuePerSecond(),
                        throughput.jobsPerSecond(),
                        latency[0],
                        latency[1],
                        throughput.jvmMicrosPerJob(),
                        throughput.dbMicrosPerJob());
            } finally {
                queues.forEach(JobQueue::close);
                stores.forEach(HostStore::close);
            }
        }
    }

    /**
     * Jobs per second enqueued and drained; the CPU time per drained job of this JVM and of every PostgreSQL server
     * process on the machine (0 on SQLite, which runs inside the JVM).
     */
    record Result(double enqueuePerSecond, double jobsPerSecond, double jvmMicrosPerJob, double dbMicrosPerJob) {}

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User and system CPU time of all {@code postgres} processes, from /proc (clock ticks of 10 ms). */
    private static long postgresCpuNanos() {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.toList()) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
                        String[] fields = stat.substring(close + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // not a process, or it ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return 0;
        }
        return ticks * 10_000_000L;
    }

    private static Result throughput(List<JobQueue> queues, HostStore store) throws Exception {
        String type = "bench.throughput";
        long enqueueStart = System.nanoTime();
        try (ExecutorService producers = Executors.newFixedThreadPool(4)) {
            for (int p = 0; p < 4; p++) {
                JobQueue queue = queues.get(p % queues.size());
                var unused = producers.submit(() -> {
                    for (int i = 0; i < JOBS / 4; i++) {
                        queue.enqueue(type, "{}");
                    }
                    return null;
                });
            }
        }
        double enqueueSeconds = (System.nanoTime() - enqueueStart) / 1e9;
        if (store.dialect() == com.mirogateway.platform.api.Store.Dialect.POSTGRESQL) {
            // What autovacuum does within a minute of a bulk insert: without statistics on a brand-new table the
            // planner sorts the whole backlog for every claim instead of walking the ready index.
            store.db().execute().dml("ANALYZE gateway_jobs");
        }
        CountDownLatch done = new CountDownLatch(JOBS / 4 * 4);
        JobHandler noop = job -> done.countDown();
        long start = System.nanoTime();
        long jvmCpu = jvmCpuNanos();
        long dbCpu = store.dialect() == com.mirogateway.platform.api.Store.Dialect.POSTGRESQL ? postgresCpuNanos() : 0;
        List<AutoCloseable> registrations = new ArrayList<>();
        for (JobQueue queue : queues) {
            registrations.add(queue.register(JobOwner.host("bench"), Map.of(type, noop)));
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("jobs left: " + done.getCount());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int jobs = JOBS / 4 * 4;
        double jvmMicros = (jvmCpuNanos() - jvmCpu) / 1e3 / jobs;
        double dbMicros = dbCpu == 0 ? 0 : (postgresCpuNanos() - dbCpu) / 1e3 / jobs;
        for (AutoCloseable registration : registrations) {
            registration.close();
        }
        return new Result(jobs / enqueueSeconds, jobs / seconds, jvmMicros, dbMicros);
    }

    private static long[] latency(List<JobQueue> queues, HostStore store) throws Exception {
        String type = "bench.latency";
        int total = RATE * SECONDS;
        CountDownLatch done = new CountDownLatch(total);
        for (JobQueue queue : queues) {
            var unused = queue.register(JobOwner.host("bench"), Map.of(type, job -> done.countDown()));
        }
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / RATE;
        long next = System.nanoTime();
        for (int i = 0; i < total; i++) {
            while (System.nanoTime() < next) {
                Thread.onSpinWait(); // paces the producer at RATE per second
            }
            queues.get(i % queues.size()).enqueue(type, "{}");
            next += periodNanos;
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("latency jobs left: " + done.getCount());
        }
        List<Long> delays;
        try (Stream<DbRow> rows = store.db()
                .execute()
                .query("SELECT started_at - created_at AS d FROM gateway_jobs WHERE type = ? ORDER BY 1", type)) {
            delays = rows.map(r -> ((Number) r.column("d").get()).longValue()).toList();
        }
        return new long[] {delays.get(delays.size() / 2), delays.get((int) (delays.size() * 0.99))};
    }
}
