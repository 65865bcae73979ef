package io.infometis.streams.stack.flink.testjob;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The smallest job that exercises what the cluster test checks: it runs until stopped (a rate-limited unbounded
 * generator), keeps keyed state (so RocksDB and the savepoint have something to write), and every operator has a
 * uid (so it restores from its savepoint). The test packs this class into a jar and submits it with {@code flink run}.
 */
public final class TickingJob {

    private TickingJob() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataGeneratorSource<Long> ticks = new DataGeneratorSource<>(index -> index, Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(20), Types.LONG);
        env.fromSource(ticks, WatermarkStrategy.noWatermarks(), "ticks").uid("ticks")
                .keyBy(tick -> tick % 4)
                .map(new CountPerKey()).uid("count-per-key")
                .sinkTo(new DiscardingSink<>()).uid("discard");
        env.execute("ticking-test-job");
    }

    /** Counts the ticks of each key in keyed state. */
    static final class CountPerKey extends RichMapFunction<Long, Long> {
        private transient ValueState<Long> count;

        @Override
        public void open(Configuration parameters) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public Long map(Long tick) throws Exception {
            long next = (count.value() == null ? 0 : count.value()) + 1;
            count.update(next);
            return next;
        }
    }
}
