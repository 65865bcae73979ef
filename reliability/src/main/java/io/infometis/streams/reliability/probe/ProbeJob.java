package io.infometis.streams.reliability.probe;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.ConfigKey;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.deadletter.DeadLetterSink;
import io.infometis.streams.common.kafka.Decoded;
import io.infometis.streams.common.kafka.KafkaInput;
import io.infometis.streams.common.kafka.KafkaOutput;
import io.infometis.streams.common.preflight.Preflight;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchDocument;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchPreflight;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSinks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The fault suite's probe: the same plumbing every job uses (KafkaInput.readAvro with dead letters, keyed state,
 * KafkaOutput EXACTLY_ONCE, ElasticsearchSinks with external versions), small enough to reason about its output
 * exactly. Each order event gets the next version of its order id from keyed state; the Kafka output carries every
 * event once, Elasticsearch one document per order id at its newest version. Lost state after a restore would
 * restart versions at 1 and leave stale documents: the suite would see it.
 */
public final class ProbeJob {

    public static final String NAME = "reliability-probe";
    /** Where the probe copies every valid order, exactly once. */
    public static final TopicSpec OUTPUT = new TopicSpec("probe-orders", 2, false, null, Order.getClassSchema(),
            "order id", "every valid order the probe read, written exactly once");
    public static final String INDEX = "orders";
    public static final ConfigKey<Duration> CHECKPOINT_INTERVAL = ConfigKey.duration(
            "probe.checkpoint-interval", Duration.ofSeconds(2), "Checkpoint interval of the probe").positive();

    private ProbeJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.fromArgs(args);
        List<ConfigKey<?>> keys = new ArrayList<>(CommonKeys.all());
        keys.add(CHECKPOINT_INTERVAL);
        config.validate(keys);
        Preflight.check(config, List.of(Topics.ORDERS, Topics.DLQ));
        ElasticsearchSettings es = ElasticsearchSettings.fromConfig(config);
        ElasticsearchPreflight.check(es);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(config.get(CHECKPOINT_INTERVAL).toMillis());
        build(env, config, es);
        env.execute(NAME);
    }

    static void build(StreamExecutionEnvironment env, JobConfig config, ElasticsearchSettings es) {
        Decoded<Order> orders = KafkaInput.readAvro(env, config, NAME, Topics.ORDERS, Order.class,
                o -> o.getEventTime().toEpochMilli(),
                o -> o.getAmount() < 0 ? Optional.of("amount is negative: " + o.getAmount()) : Optional.empty());
        orders.deadLetters().sinkTo(DeadLetterSink.create(config, NAME)).uid("dlq-sink").name("dlq");

        orders.events().sinkTo(KafkaOutput.avro(config, NAME, OUTPUT, Order.class, o -> o.getOrderId().toString(),
                DeliveryGuarantee.EXACTLY_ONCE)).uid("probe-orders-sink").name("probe-orders (exactly once)");

        DataStream<Tuple2<String, String>> versioned = orders.events()
                .keyBy(o -> o.getOrderId().toString())
                .process(new Versioner())
                .uid("order-versions").name("version per order id");
        versioned.sinkTo(ElasticsearchSinks.sink(es, ProbeJob::document, config, NAME))
                .uid("orders-es-sink").name("orders (Elasticsearch)");
    }

    /** (order id, JSON) with the version inside; the document's external version is that number. */
    static ElasticsearchDocument document(Tuple2<String, String> idAndJson) {
        long version = Long.parseLong(idAndJson.f1.replaceAll(".*\"version\":(\\d+).*", "$1"));
        return ElasticsearchDocument.versioned(INDEX, idAndJson.f0, idAndJson.f1, version);
    }

    /** Counts the events of each order id in keyed state: the n-th event of an order is version n. */
    static final class Versioner extends KeyedProcessFunction<String, Order, Tuple2<String, String>> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Long> seen;

        @Override
        public void open(Configuration parameters) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("events-seen", Types.LONG));
        }

        @Override
        public void processElement(Order order, Context ctx, Collector<Tuple2<String, String>> out) throws Exception {
            long version = (seen.value() == null ? 0 : seen.value()) + 1;
            seen.update(version);
            out.collect(Tuple2.of(order.getOrderId().toString(), "{\"order_id\":\"" + order.getOrderId()
                    + "\",\"event_id\":\"" + order.getEventId() + "\",\"amount\":" + order.getAmount()
                    + ",\"version\":" + version + "}"));
        }
    }
}
