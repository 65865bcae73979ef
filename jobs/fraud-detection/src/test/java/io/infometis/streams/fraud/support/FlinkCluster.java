package io.infometis.streams.fraud.support;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * One MiniCluster configuration for every test class: 1 TaskManager, 4 slots, and an in-memory metric reporter of
 * its own (a reporter is closed with its cluster) so tests can assert counters.
 */
public final class FlinkCluster {

    private FlinkCluster() {}

    public static MiniClusterExtension extension(InMemoryReporter reporter) {
        Configuration config = reporter.addToConfiguration(new Configuration());
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(4)
                .setConfiguration(config)
                .build());
    }

    /** Sum of a counter over every operator and subtask of a job. */
    public static long counter(InMemoryReporter reporter, org.apache.flink.api.common.JobID job, String name) {
        return reporter.findMetrics(job, name).values().stream()
                .mapToLong(m -> ((org.apache.flink.metrics.Counter) m).getCount()).sum();
    }
}
