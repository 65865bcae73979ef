package io.infometis.streams.bench.jobs;

/**
 * Starts a job on the current context environment ({@code StreamExecutionEnvironment.getExecutionEnvironment()},
 * which the harness points at its MiniCluster) and blocks while it runs, as a job's {@code main} does.
 */
@FunctionalInterface
public interface JobLauncher {
    void run() throws Exception;
}
