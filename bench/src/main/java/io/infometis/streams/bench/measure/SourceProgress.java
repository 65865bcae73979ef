package io.infometis.streams.bench.measure;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * How far every Kafka source of the jobs in this JVM's MiniCluster has read: a Flink metric reporter that keeps
 * the Kafka source reader's per-partition {@code currentOffset} gauges (the offset of the last record it emitted).
 * Works for any job, DataStream or SQL, without touching its code: the harness compares the sum with the
 * backlog's end offsets. Registered through {@code metrics.reporter.<name>.factory.class} (Flink finds the factory through
 * META-INF/services, not by that class name alone); the gauges are read
 * on demand, so no reporting interval is involved.
 */
public final class SourceProgress implements MetricReporter {

    private static final Pattern CURRENT_OFFSET =
            Pattern.compile("KafkaSourceReader\\.topic\\.(.+)\\.partition\\.(\\d+)\\.currentOffset$");
    /** "topic/partition" to the gauge of the subtask reading it. */
    private static final Map<String, Gauge<?>> OFFSETS = new ConcurrentHashMap<>();

    public static final String REPORTER_NAME = "bench-progress";

    /** Forgets every gauge (before a new MiniCluster starts). */
    public static void reset() {
        OFFSETS.clear();
    }

    /** Records read so far from {@code topic}: the sum over its partitions of (last emitted offset + 1). */
    public static long consumed(String topic) {
        long total = 0;
        for (Map.Entry<String, Gauge<?>> e : OFFSETS.entrySet()) {
            if (e.getKey().startsWith(topic + "/")) {
                Object value = e.getValue().getValue();
                if (value instanceof Number n && n.longValue() >= 0) {
                    total += n.longValue() + 1;
                }
            }
        }
        return total;
    }

    /** Partitions of {@code topic} some source reader has been assigned (its gauge is registered). */
    public static int partitions(String topic) {
        return (int) OFFSETS.keySet().stream().filter(k -> k.startsWith(topic + "/")).count();
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        Matcher m = CURRENT_OFFSET.matcher(group.getMetricIdentifier(metricName));
        if (metric instanceof Gauge<?> gauge && m.find()) {
            OFFSETS.put(m.group(1) + "/" + m.group(2), gauge);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        // Kept: a finished or cancelled job's last offsets are still its progress.
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    /** The factory Flink instantiates from the configuration. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new SourceProgress();
        }
    }
}
