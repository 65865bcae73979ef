package io.infometis.streams.metrics.window;

import io.infometis.streams.events.CommerceMetric;
import java.time.Instant;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** The fields every metric shares: id, name, window bounds, update count, emission time. */
public final class MetricRecords {

    private MetricRecords() {}

    public static CommerceMetric.Builder base(String metric, TimeWindow window, int updateCount, Instant emitted,
            String... dimensions) {
        return CommerceMetric.newBuilder()
                .setMetricId(MetricIds.of(metric, window.getStart(), dimensions))
                .setMetric(metric)
                .setWindowStart(Instant.ofEpochMilli(window.getStart()))
                .setWindowEnd(Instant.ofEpochMilli(window.getEnd()))
                .setUpdateCount(updateCount)
                .setEmittedTime(emitted);
    }
}
