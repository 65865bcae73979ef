package io.infometis.streams.fraud.support;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Bounded out-of-orderness watermarks emitted after every event (not periodically), so a test's event order
 * decides exactly which events are late: the same rule as the Kafka sources (max seen - bound - 1), made
 * deterministic.
 */
public final class PerEventWatermarks {

    private PerEventWatermarks() {}

    public static <T> WatermarkStrategy<T> of(Duration bound, SerializableFunction<T, Long> eventTime) {
        return WatermarkStrategy.<T>forGenerator(ctx -> new Generator<>(bound.toMillis()))
                .withTimestampAssigner((e, ts) -> eventTime.apply(e));
    }

    static final class Generator<T> implements WatermarkGenerator<T> {
        private final long bound;
        private long max = Long.MIN_VALUE;

        Generator(long bound) {
            this.bound = bound;
        }

        @Override
        public void onEvent(T event, long timestamp, WatermarkOutput output) {
            if (timestamp > max) {
                max = timestamp;
                output.emitWatermark(new Watermark(max - bound - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
