package io.infometis.streams.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import io.infometis.streams.testing.RealStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job catching up on two pre-loaded topics whose event times run at very different speeds: orders 1 ms apart
 * (20 s of event time), payments 1 s apart (5.5 h). Read as fast as each source goes, the payments would be
 * hours ahead of the orders; with KafkaInput's watermark alignment the payments source pauses near the orders'
 * watermark until the orders are read, then (orders idle) reads the rest. Nothing is lost either way.
 */
class EventStreamsReadInEventTimeStepTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().build();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int EVENTS = 20_000;
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration MAX_DRIFT = Duration.ofMinutes(1);

    // Written by the two source chains (each its own task thread in this JVM), read by the other.
    private static final AtomicLong ORDERS_SEEN = new AtomicLong();
    private static final AtomicLong NEWEST_ORDER_TIME = new AtomicLong(Long.MIN_VALUE);
    private static final AtomicLong PAYMENTS_SEEN = new AtomicLong();
    private static final AtomicLong LARGEST_LEAD_WHILE_ORDERS_LEFT = new AtomicLong(Long.MIN_VALUE);

    @Test
    void aFastTopicWaitsForTheSlowOneAndBothAreReadCompletely() throws Exception {
        String orders = "aligned-orders";
        String payments = "aligned-payments";
        STACK.createTopic(orders, 1);
        STACK.createTopic(payments, 1);
        RegistrySerdes serdes = new RegistrySerdes(STACK.registryUrl(), Map.of());
        SerializationSchema<Order> orderSerializer = serdes.serializer(Order.class, Topics.ORDERS);
        SerializationSchema<Payment> paymentSerializer = serdes.serializer(Payment.class, Topics.PAYMENTS);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(STACK.producerProperties())) {
            for (int i = 0; i < EVENTS; i++) {
                String id = Integer.toString(i);
                producer.send(new ProducerRecord<>(orders, key(id),
                        orderSerializer.serialize(order(id, START.plusMillis(i)))));
                producer.send(new ProducerRecord<>(payments, key(id),
                        paymentSerializer.serialize(payment(id, START.plusSeconds(i)))));
            }
            producer.flush();
        }

        JobConfig config = JobConfig.of(Map.of(
                "kafka.bootstrap.servers", STACK.kafkaBootstrapServers(),
                "schema.registry.url", STACK.registryUrl(),
                "kafka.starting-offsets", "earliest",
                // Small fetches and frequent watermarks keep what a paused source has already fetched small.
                "kafka.properties.max.poll.records", "100",
                "topic.orders", orders,
                "topic.payments", payments,
                "source.idleness", "2 s",
                "source.watermark-alignment.max-drift", MAX_DRIFT.toSeconds() + " s",
                "source.watermark-alignment.update-interval", "100 ms"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.getConfig().setAutoWatermarkInterval(10);
        KafkaInput.readAvro(env, config, "alignment-test", Topics.ORDERS, Order.class,
                        o -> o.getEventTime().toEpochMilli(), RecordValidator.none())
                .events().map(new SeeOrder()).addSink(new DiscardingSink<>());
        KafkaInput.readAvro(env, config, "alignment-test", Topics.PAYMENTS, Payment.class,
                        p -> p.getEventTime().toEpochMilli(), RecordValidator.none())
                .events().map(new SeePayment()).addSink(new DiscardingSink<>());
        JobClient job = env.executeAsync("alignment");
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while ((ORDERS_SEEN.get() < EVENTS || PAYMENTS_SEEN.get() < EVENTS) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            job.cancel().get();
        }

        assertThat(ORDERS_SEEN.get()).as("orders read").isEqualTo(EVENTS);
        assertThat(PAYMENTS_SEEN.get()).as("payments read, once the orders were idle").isEqualTo(EVENTS);
        // Unaligned, the payments source runs as fast as the orders source: thousands of seconds ahead by the time
        // the orders are read. Aligned, it may lead by the drift, the out-of-orderness (5 s) and what it fetched
        // before the pause (a few polls of 100 records, 1 s apart): well under 1,000 s.
        long lead = Duration.ofMillis(LARGEST_LEAD_WHILE_ORDERS_LEFT.get()).toSeconds();
        assertThat(lead).as("largest lead of a payment over the newest order read, in s, while orders were left")
                .isLessThan(1_000);
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private static Order order(String id, Instant time) {
        Order o = PoisonPillToDeadLetterTopicTest.order("o-" + id, 100);
        o.setEventTime(time);
        return o;
    }

    private static Payment payment(String id, Instant time) {
        return Payment.newBuilder().setEventId("p-" + id).setEventTime(time).setPaymentId("p-" + id)
                .setOrderId("o-" + id).setUserId("u-1").setStatus(PaymentStatus.AUTHORIZED)
                .setCardFingerprint("card-1").setAmount(100).setCurrency("EUR").build();
    }

    static final class SeeOrder implements MapFunction<Order, Long> {
        @Override
        public Long map(Order o) {
            long time = o.getEventTime().toEpochMilli();
            NEWEST_ORDER_TIME.accumulateAndGet(time, Math::max);
            ORDERS_SEEN.incrementAndGet();
            return time;
        }
    }

    static final class SeePayment implements MapFunction<Payment, Long> {
        @Override
        public Long map(Payment p) {
            long time = p.getEventTime().toEpochMilli();
            if (ORDERS_SEEN.get() < EVENTS) {
                long newestOrder = NEWEST_ORDER_TIME.get();
                // Before the first order arrives, the lead is measured from the orders' first event time.
                long lead = time - (newestOrder == Long.MIN_VALUE ? START.toEpochMilli() : newestOrder);
                LARGEST_LEAD_WHILE_ORDERS_LEFT.accumulateAndGet(lead, Math::max);
            }
            PAYMENTS_SEEN.incrementAndGet();
            return time;
        }
    }
}
