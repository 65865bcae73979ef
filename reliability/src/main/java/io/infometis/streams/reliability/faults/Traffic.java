package io.infometis.streams.reliability.faults;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Orders of known ground truth: each order id gets a CREATED event and a PAID event with a higher amount (so the
 * newest value is known), and one record in ten (of a barrage: as many as the orders) is a poison pill, garbage
 * bytes or a negative amount. Event times follow a simulated clock, one second apart.
 */
final class Traffic {

    /**
     * The simulated clock starts an hour before the run. Not a fixed date in the past: the Kafka sinks stamp
     * records with their event time, and a topic with time retention deletes records stamped older than its
     * retention at the next retention check (the first version of this suite "lost" 100 records that way).
     */
    private final Instant origin = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private final String bootstrapServers;
    private final SerializationSchema<Order> serializer;
    private final GroundTruth truth;
    private long clock;

    Traffic(String bootstrapServers, String registryUrl, GroundTruth truth) {
        this.bootstrapServers = bootstrapServers;
        this.serializer = new RegistrySerdes(registryUrl, java.util.Map.of()).serializer(Order.class, Topics.ORDERS);
        this.truth = truth;
    }

    /** Sends both events of {@code orders} new orders and one poison pill per {@code poisonEvery} records. */
    int send(String batch, int orders, int poisonEvery) {
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (int i = 0; i < orders; i++) {
                String id = batch + "-" + i;
                for (OrderStatus status : List.of(OrderStatus.CREATED, OrderStatus.PAID)) {
                    long amount = 1000L + i + (status == OrderStatus.PAID ? 1 : 0);
                    Order order = order(id, status, amount);
                    producer.send(new ProducerRecord<>(Topics.ORDERS.name(), bytes(id), serializer.serialize(order)));
                    truth.order(id, amount);
                    sent++;
                    if (poisonEvery > 0 && sent % poisonEvery == 0) {
                        String key = "poison-" + batch + "-" + sent;
                        byte[] value = sent % (2 * poisonEvery) == 0
                                ? serializer.serialize(order(key, OrderStatus.CREATED, -1))
                                : bytes("not avro: " + key);
                        producer.send(new ProducerRecord<>(Topics.ORDERS.name(), bytes(key), value));
                        truth.poison(key);
                        sent++;
                    }
                }
            }
            producer.flush();
        }
        return sent;
    }

    private Order order(String id, OrderStatus status, long amount) {
        Instant time = origin.plusSeconds(clock++);
        return Order.newBuilder().setEventId(id + "-" + status).setEventTime(time).setOrderId(id)
                .setUserId("u-" + (Math.abs(id.hashCode()) % 50)).setStatus(status)
                .setItems(List.of(OrderItem.newBuilder().setSku("sku-1").setCategory("books").setQuantity(1)
                        .setUnitPrice(Math.max(amount, 0)).build()))
                .setAmount(amount).setCurrency("EUR").setShippingCountry("NL").build();
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        // Survives a broker restart in the middle of a batch.
        props.put("delivery.timeout.ms", "180000");
        props.put("max.block.ms", "180000");
        return props;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
