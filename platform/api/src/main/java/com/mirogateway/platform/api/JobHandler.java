package com.mirogateway.platform.api;

/** Runs the jobs of one type; see {@link Jobs#handle(String, JobHandler)} for how its outcome is read. */
@FunctionalInterface
public interface JobHandler {

    /**
     * Runs one attempt of a job.
     *
     * @param job the job, with its payload and attempt number
     * @throws Exception to fail the attempt (or {@link RetryLaterException} / {@link PermanentJobFailureException})
     */
    void run(Job job) throws Exception;
}
