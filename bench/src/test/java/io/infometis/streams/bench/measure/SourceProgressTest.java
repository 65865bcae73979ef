package io.infometis.streams.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceProgressTest {

    private final SourceProgress reporter = new SourceProgress();

    @BeforeEach
    @AfterEach
    void forget() {
        // The registry is static (Flink instantiates the reporter): other tests of this JVM may have filled it.
        SourceProgress.reset();
    }

    @Test
    void sumsTheLastEmittedOffsetPlusOneOverATopicsPartitions() {
        reporter.notifyOfAddedMetric(gauge(9L), "currentOffset", group("orders", 0));
        reporter.notifyOfAddedMetric(gauge(19L), "currentOffset", group("orders", 1));
        reporter.notifyOfAddedMetric(gauge(-1L), "currentOffset", group("orders", 2)); // nothing read yet
        reporter.notifyOfAddedMetric(gauge(99L), "currentOffset", group("payments", 0));
        reporter.notifyOfAddedMetric(gauge(5L), "committedOffset", group("orders", 3));

        assertThat(SourceProgress.consumed("orders")).isEqualTo(30);
        assertThat(SourceProgress.consumed("payments")).isEqualTo(100);
        assertThat(SourceProgress.consumed("user-events")).isZero();
    }

    private static Gauge<Long> gauge(long value) {
        return () -> value;
    }

    /** A group whose identifier is what Flink's Kafka source reader registers its offsets under. */
    private static UnregisteredMetricsGroup group(String topic, int partition) {
        return new UnregisteredMetricsGroup() {
            @Override
            public String getMetricIdentifier(String metricName) {
                return "localhost.taskmanager.tm-1.job.Source__Kafka.0.KafkaSourceReader.topic." + topic
                        + ".partition." + partition + "." + metricName;
            }
        };
    }
}
