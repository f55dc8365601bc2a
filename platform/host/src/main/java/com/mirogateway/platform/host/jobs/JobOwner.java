package com.mirogateway.platform.host.jobs;

import java.util.concurrent.Callable;

/**
 * Who runs the handlers of some job types, seen by the workers: a plugin (through its in-flight gate and class
 * loader) or, in tests and benchmarks, the host itself.
 */
public interface JobOwner {

    /**
     * The owner's name, for logs and conflicts.
     *
     * @return the plugin id or another name
     */
    String name();

    /**
     * Admits one handler call; false while the owner is stopping (the job is then released, not failed).
     *
     * @return whether the call may proceed
     */
    boolean enter();

    /** Ends a call admitted by {@link #enter()}. */
    void exit();

    /**
     * Runs a handler call in the owner's context (class loader); {@link #enter()} succeeded before.
     *
     * @param call the call
     * @throws Exception whatever the handler throws
     */
    void run(Callable<Void> call) throws Exception;

    /**
     * An owner that is always open and runs calls on the caller's class loader.
     *
     * @param name its name
     * @return the owner
     */
    static JobOwner host(String name) {
        return new JobOwner() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean enter() {
                return true;
            }

            @Override
            public void exit() {}

            @Override
            public void run(Callable<Void> call) throws Exception {
                call.call();
            }
        };
    }
}
