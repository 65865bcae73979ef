package io.infometis.streams.fraud.support;

import io.infometis.streams.common.deadletter.DeadLetter;
import io.infometis.streams.common.kafka.KafkaRecord;
import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.fraud.FraudInputs;
import io.infometis.streams.fraud.FraudOutputs;
import io.infometis.streams.fraud.FraudTopology;
import io.infometis.streams.fraud.config.FraudSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the real topology on a MiniCluster over bounded lists of events (per-event watermarks, 5 s bound, as in
 * production) and collects what comes out. No rules unless given.
 */
public final class TopologyRun {

    public static final Duration BOUND = Duration.ofSeconds(5);

    private final List<Payment> payments = new ArrayList<>();
    private final List<UserEvent> userEvents = new ArrayList<>();
    private final List<Order> orders = new ArrayList<>();
    private final List<KafkaRecord> rules = new ArrayList<>();
    private FraudSettings settings = FraudSettings.defaults();

    public record Result(List<Alert> alerts, List<DeadLetter> lateEvents, List<DeadLetter> rejectedRules,
            JobExecutionResult job) {

        /** The same result with only the alerts of one pattern or rule (other patterns see the same events). */
        public Result only(String ruleId) {
            return new Result(alerts.stream().filter(a -> a.getRuleId().equals(ruleId)).toList(), lateEvents,
                    rejectedRules, job);
        }
    }

    public TopologyRun payments(List<Payment> p) {
        payments.addAll(p);
        return this;
    }

    public TopologyRun userEvents(List<UserEvent> u) {
        userEvents.addAll(u);
        return this;
    }

    public TopologyRun orders(List<Order> o) {
        orders.addAll(o);
        return this;
    }

    public TopologyRun rules(List<KafkaRecord> r) {
        rules.addAll(r);
        return this;
    }

    public TopologyRun settings(FraudSettings s) {
        settings = s;
        return this;
    }

    public Result run() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Payment> p = source(env, payments, new AvroTypeInfo<>(Payment.class))
                .assignTimestampsAndWatermarks(PerEventWatermarks.<Payment>of(BOUND, e -> e.getEventTime().toEpochMilli()))
                .setParallelism(1);
        DataStream<UserEvent> u = source(env, userEvents, new AvroTypeInfo<>(UserEvent.class))
                .assignTimestampsAndWatermarks(PerEventWatermarks.<UserEvent>of(BOUND, e -> e.getEventTime().toEpochMilli()))
                .setParallelism(1);
        DataStream<Order> o = source(env, orders, new AvroTypeInfo<>(Order.class))
                .assignTimestampsAndWatermarks(PerEventWatermarks.<Order>of(BOUND, e -> e.getEventTime().toEpochMilli()))
                .setParallelism(1);
        DataStream<KafkaRecord> r = source(env, rules, TypeInformation.of(KafkaRecord.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks()).setParallelism(1);
        FraudOutputs out = FraudTopology.build(FraudInputs.of(p, u, o, r), settings);
        CloseableIterator<Alert> alerts = out.alerts().collectAsync();
        CloseableIterator<DeadLetter> late = out.lateEvents().collectAsync();
        CloseableIterator<DeadLetter> rejected = out.rejectedRules().collectAsync();
        JobClient client = env.executeAsync("fraud topology test");
        List<Alert> a = drain(alerts);
        List<DeadLetter> l = drain(late);
        List<DeadLetter> rj = drain(rejected);
        return new Result(a, l, rj, client.getJobExecutionResult().get());
    }

    /** fromData refuses an empty list; an empty input is a one-number sequence that yields nothing. */
    static <T> DataStream<T> source(StreamExecutionEnvironment env, List<T> items, TypeInformation<T> type) {
        if (!items.isEmpty()) {
            return env.fromData(items, type).setParallelism(1);
        }
        return env.fromSequence(0, 0).setParallelism(1).flatMap(new Nothing<T>(type)).setParallelism(1);
    }

    static final class Nothing<T> implements org.apache.flink.api.common.functions.FlatMapFunction<Long, T>,
            org.apache.flink.api.java.typeutils.ResultTypeQueryable<T> {
        private final TypeInformation<T> type;

        Nothing(TypeInformation<T> type) {
            this.type = type;
        }

        @Override
        public void flatMap(Long value, org.apache.flink.util.Collector<T> out) {}

        @Override
        public TypeInformation<T> getProducedType() {
            return type;
        }
    }

    private static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> all = new ArrayList<>();
        try (it) {
            it.forEachRemaining(all::add);
        }
        return all;
    }
}
