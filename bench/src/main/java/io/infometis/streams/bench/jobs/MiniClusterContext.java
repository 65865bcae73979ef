package io.infometis.streams.bench.jobs;

import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.util.MiniClusterPipelineExecutorServiceLoader;

/**
 * Points {@code StreamExecutionEnvironment.getExecutionEnvironment()} at the harness's MiniCluster, so a job's
 * own {@code main} (or the SQL peer) runs there unchanged. Not flink-test-utils' TestStreamEnvironment: that one
 * randomizes configuration for test coverage, which a benchmark must not do. A subclass only to reach Flink's
 * protected context-environment hooks; never instantiated.
 */
final class MiniClusterContext extends StreamExecutionEnvironment {

    private MiniClusterContext() {}

    static void install(MiniCluster cluster, int parallelism, Configuration jobSettings) {
        Configuration settings = new Configuration(jobSettings);
        initializeContextEnvironment(jobConfiguration -> {
            Configuration merged = new Configuration(settings);
            merged.addAll(jobConfiguration);
            Configuration conf = MiniClusterPipelineExecutorServiceLoader.updateConfigurationForMiniCluster(
                    merged, List.of(), List.of());
            StreamExecutionEnvironment env = new StreamExecutionEnvironment(
                    new MiniClusterPipelineExecutorServiceLoader(cluster), conf,
                    Thread.currentThread().getContextClassLoader());
            env.setParallelism(parallelism);
            return env;
        });
    }

    static void uninstall() {
        resetContextEnvironment();
    }
}
