package com.mirogateway.platform.testkit.jobs;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.Job;
import com.mirogateway.platform.api.PluginContext;
import com.mirogateway.platform.api.Store;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Test plugin handling {@code demo.work} jobs with its own table ({@code demo_runs}, from its migration): each attempt
 * records a row (job, attempt, process id, start, finish). The JSON payload steers it: {@code failTimes} (fail while
 * this job has run at most that many times), {@code sleepMs} (work that long), {@code sleepFirstMs} (work that long on
 * the first attempt only).
 */
@Extension
public final class DemoJobsPlugin implements GatewayPlugin {
    /** The job type this plugin handles. */
    public static final String TYPE = "demo.work";

    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\\d+)");

    @Override
    public void start(PluginContext context) {
        Store store = context.store();
        store.migrate("demo-jobs/migration");
        context.jobs().handle(TYPE, job -> run(store, job));
    }

    private static void run(Store store, Job job) throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        store.db()
                .execute()
                .insert(
                        "INSERT INTO demo_runs (job_id, attempt, pid, started_at) VALUES (?, ?, ?, ?)",
                        job.id(),
                        job.attempt(),
                        pid,
                        System.currentTimeMillis());
        try {
            long runs = store.db()
                    .execute()
                    .get("SELECT COUNT(*) AS n FROM demo_runs WHERE job_id = ?", job.id())
                    .map(row -> ((Number) row.column("n").get()).longValue())
                    .orElse(0L);
            if (runs <= number(job, "failTimes")) {
                throw new IllegalStateException("demo failure " + runs + " of job " + job.id());
            }
            long sleep = job.attempt() == 1
                    ? Math.max(number(job, "sleepFirstMs"), number(job, "sleepMs"))
                    : number(job, "sleepMs");
            if (sleep > 0) {
                Thread.sleep(sleep); // the job's simulated work
            }
        } finally {
            store.db()
                    .execute()
                    .update(
                            "UPDATE demo_runs SET finished_at = ? WHERE job_id = ? AND attempt = ? AND pid = ?",
                            System.currentTimeMillis(),
                            job.id(),
                            job.attempt(),
                            pid);
        }
    }

    private static long number(Job job, String name) {
        Matcher m = NUMBER.matcher(job.payloadJson());
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Long.parseLong(m.group(2));
            }
        }
        return 0;
    }
}
