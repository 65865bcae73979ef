package io.infometis.streams.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.deadletter.DeadLetterHeaders;
import io.infometis.streams.common.deadletter.DeadLetterSink;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import io.infometis.streams.testing.RealStackExtension;
import io.infometis.streams.testing.clients.TopicReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Corrupt input on a real broker, through the real registry, in a real Flink job: every bad record reaches the
 * dead-letter topic exactly once with its reason, origin and original bytes; every good record reaches the job;
 * the job never fails.
 */
class PoisonPillToDeadLetterTopicTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().build();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Queue<String> RECEIVED = new ConcurrentLinkedQueue<>();

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndGoodOnesReachTheJob() throws Exception {
        String input = "poison-pill-orders";
        String dlq = "poison-pill-dlq";
        STACK.createTopic(input, 2);
        STACK.createTopic(dlq, 1);
        RegistrySerdes serdes = new RegistrySerdes(STACK.registryUrl(), Map.of());
        byte[] valid = serdes.serializer(Order.class, Topics.ORDERS).serialize(order("o-1", 1200));
        int registeredId = ByteBuffer.wrap(valid, 1, 4).getInt();

        Map<String, byte[]> bad = new HashMap<>();
        bad.put("garbage", "this is not avro at all".getBytes(StandardCharsets.UTF_8));
        bad.put("unknown-schema-id", withSchemaId(valid, registeredId + 100_000));
        bad.put("truncated", Arrays.copyOf(valid, valid.length / 2));
        bad.put("negative-amount", serdes.serializer(Order.class, Topics.ORDERS).serialize(order("o-neg", -5)));
        bad.put("tombstone", null);

        Map<String, RecordMetadata> sent = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(STACK.producerProperties())) {
            for (int i = 1; i <= 3; i++) {
                String id = "o-good-" + i;
                producer.send(new ProducerRecord<>(input, key(id),
                        serdes.serializer(Order.class, Topics.ORDERS).serialize(order(id, 100 * i)))).get();
            }
            for (Map.Entry<String, byte[]> e : bad.entrySet()) {
                sent.put(e.getKey(), producer.send(new ProducerRecord<>(input, key(e.getKey()), e.getValue())).get());
            }
        }

        JobConfig config = JobConfig.of(Map.of(
                "kafka.bootstrap.servers", STACK.kafkaBootstrapServers(),
                "schema.registry.url", STACK.registryUrl(),
                "kafka.starting-offsets", "earliest",
                "topic.orders", input,
                "topic.dlq", dlq));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(500);
        env.setParallelism(2);
        RecordValidator<Order> nonNegative = o -> o.getAmount() < 0
                ? Optional.of("amount is negative: " + o.getAmount()) : Optional.empty();
        Decoded<Order> orders = KafkaInput.readAvro(env, config, "poison-test", Topics.ORDERS, Order.class,
                o -> o.getEventTime().toEpochMilli(), nonNegative);
        orders.events().map(Order::getOrderId).addSink(new CollectingSink());
        orders.deadLetters().sinkTo(DeadLetterSink.create(config, "poison-test")).uid("dlq-sink");
        JobClient job = env.executeAsync("poison-pill");
        try {
            List<ConsumerRecord<byte[], byte[]>> letters = TopicReader.readAtLeast(
                    STACK.consumerProperties("poison-dlq-reader"), dlq, bad.size(), Duration.ofSeconds(90));

            Map<String, ConsumerRecord<byte[], byte[]>> byKey = letters.stream().collect(Collectors.toMap(
                    r -> new String(r.key(), StandardCharsets.UTF_8), r -> r));
            assertThat(letters).as("one letter per bad record, no duplicates").hasSize(bad.size());
            assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(bad.keySet());
            assertThat(header(byKey.get("garbage"), DeadLetterHeaders.REASON))
                    .startsWith("cannot decode Avro (Confluent wire format)");
            assertThat(header(byKey.get("unknown-schema-id"), DeadLetterHeaders.REASON))
                    .startsWith("cannot decode Avro").contains(Integer.toString(registeredId + 100_000));
            assertThat(header(byKey.get("truncated"), DeadLetterHeaders.REASON)).startsWith("cannot decode Avro");
            assertThat(header(byKey.get("negative-amount"), DeadLetterHeaders.REASON))
                    .isEqualTo("invalid Order: amount is negative: -5");
            assertThat(header(byKey.get("negative-amount"), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("validation");
            assertThat(header(byKey.get("tombstone"), DeadLetterHeaders.REASON))
                    .isEqualTo("null value (tombstone) on an Avro topic");
            for (Map.Entry<String, byte[]> e : bad.entrySet()) {
                ConsumerRecord<byte[], byte[]> letter = byKey.get(e.getKey());
                RecordMetadata origin = sent.get(e.getKey());
                assertThat(letter.value()).as("original bytes of %s", e.getKey()).isEqualTo(e.getValue());
                assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(input);
                assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION))
                        .isEqualTo(Integer.toString(origin.partition()));
                assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(origin.offset()));
                assertThat(header(letter, DeadLetterHeaders.JOB)).isEqualTo("poison-test");
            }
            assertThat(RECEIVED).containsExactlyInAnyOrder("o-good-1", "o-good-2", "o-good-3");
            assertThat(job.getJobStatus().get().isGloballyTerminalState()).as("the job still runs").isFalse();
        } finally {
            job.cancel().get();
        }
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withSchemaId(byte[] wireFormat, int schemaId) {
        byte[] copy = wireFormat.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(schemaId);
        return copy;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static Order order(String id, long amount) {
        return Order.newBuilder().setEventId("e-" + id).setEventTime(Instant.parse("2026-03-01T10:00:00Z"))
                .setOrderId(id).setUserId("u-1").setStatus(OrderStatus.CREATED)
                .setItems(List.of(OrderItem.newBuilder().setSku("sku-1").setCategory("books").setQuantity(1)
                        .setUnitPrice(amount).build()))
                .setAmount(amount).setCurrency("EUR").setShippingCountry("NL").build();
    }

    /** Collects into a static queue: the MiniCluster runs in this JVM. */
    static final class CollectingSink implements SinkFunction<String> {
        @Override
        public void invoke(String value, Context context) {
            RECEIVED.add(value);
        }
    }
}
