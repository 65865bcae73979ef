package io.infometis.streams.fraud.support;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** One MiniCluster configuration for every test class: 1 TaskManager, 4 slots, metrics kept for assertions. */
public final class FlinkCluster {

    public static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    private FlinkCluster() {}

    public static MiniClusterExtension extension() {
        Configuration config = REPORTER.addToConfiguration(new Configuration());
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(4)
                .setConfiguration(config)
                .build());
    }
}
