package io.infometis.streams.bench.jobs;

import java.util.Map;

/**
 * Starts a job on the current context environment ({@code StreamExecutionEnvironment.getExecutionEnvironment()},
 * which the harness points at its MiniCluster) and blocks while it runs, as a job's {@code main} does.
 */
@FunctionalInterface
public interface JobLauncher {
    void run() throws Exception;

    /**
     * The job's own Flink settings where it is deployed ({@code flink-conf/jobs/<job>.yaml}, e.g. order enrichment
     * on RocksDB), which its MiniCluster applies over the cluster's: none unless the launcher says so.
     */
    default Map<String, String> deployedSettings() {
        return Map.of();
    }
}
