package com.mirogateway.platform.api;

/** Runs the jobs of one type; see {@link Jobs#handle(String, JobHandler)} for how its outcome is read. */
@FunctionalInterface
public interface JobHandler {

    /**
     * Runs one attempt of a job.
     *
     * @param job the job, with its payload and attempt number
     * @throws Exception to fail the attempt (or {@link RetryLaterException} and other {@link TransientFailure}s to put
     *     the job off, {@link PermanentJobFailureException} to give up)
     */
    void run(Job job) throws Exception;
}
