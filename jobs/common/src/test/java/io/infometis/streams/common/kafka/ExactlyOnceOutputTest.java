package io.infometis.streams.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import io.infometis.streams.testing.RealStackExtension;
import io.infometis.streams.testing.clients.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KafkaOutput on the real broker and registry: exactly-once records with string keys and registry Avro values,
 * stamped with the time they were written (an old event's time would put its output under retention at once).
 */
class ExactlyOnceOutputTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().build();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @Test
    void recordsOfOldEventsAreCommittedWithTheirKeyAndStampedWhenWritten() throws Exception {
        String topic = "eos-output-orders";
        STACK.createTopic(topic, 1);
        long before = System.currentTimeMillis();
        JobConfig config = JobConfig.of(Map.of("kafka.bootstrap.servers", STACK.kafkaBootstrapServers(),
                "schema.registry.url", STACK.registryUrl(), "topic.orders", topic));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(200);
        env.setParallelism(1);
        // Event time 2026-03-01, months before "now" in any run of this test.
        env.fromData(new AvroTypeInfo<>(Order.class), PoisonPillToDeadLetterTopicTest.order("o-1", 100),
                        PoisonPillToDeadLetterTopicTest.order("o-2", 200))
                // Elements carry their event time, as in every job: that is what must not become the record time.
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Order>forMonotonousTimestamps()
                        .withTimestampAssigner((o, previous) -> o.getEventTime().toEpochMilli()))
                .sinkTo(KafkaOutput.avro(config, "eos-test", Topics.ORDERS, Order.class, Order::getOrderId,
                        DeliveryGuarantee.EXACTLY_ONCE))
                .uid("orders-sink");
        env.execute("eos-output");

        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAtLeast(
                STACK.consumerProperties("eos-output-reader"), topic, 2, Duration.ofSeconds(60));
        DeserializationSchema<Order> decoder = new RegistrySerdes(STACK.registryUrl(), Map.of()).deserializer(Order.class);
        decoder.open(null);
        assertThat(records).hasSize(2);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Order order = decoder.deserialize(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(order.getOrderId());
            assertThat(record.timestamp()).as("stamped when written, not with the event time")
                    .isGreaterThanOrEqualTo(before);
        }
    }
}
