package io.infometis.streams.reliability.faults;

import io.infometis.streams.events.Customer;
import io.infometis.streams.events.CustomerTier;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Traffic of known ground truth for the order-enrichment job: one customer profile per user, sent once before any
 * order; then per order id a CREATED and a PAID event (PAID one second later, a higher amount), keyed by order id
 * as the generator keys them. A barrage adds one poison pill per {@code poisonEvery} records, cycling through
 * every {@link Poison} kind. Event times follow a simulated clock that starts an hour before the run (inside the
 * job's future-skew check and the topics' retention).
 */
final class Traffic {

    static final int USERS = 20;
    private static final List<CustomerTier> TIERS = List.of(CustomerTier.values());

    private final Instant origin = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private final String bootstrapServers;
    private final SerializationSchema<Order> orders;
    private final SerializationSchema<Customer> customers;
    private final GroundTruth truth;
    private final Random random = new Random(42);
    private long clock;
    private int poisonSent;

    Traffic(String bootstrapServers, String registryUrl, GroundTruth truth) {
        RegistrySerdes serdes = new RegistrySerdes(registryUrl, Map.of());
        this.bootstrapServers = bootstrapServers;
        this.orders = serdes.serializer(Order.class, Topics.ORDERS);
        this.customers = serdes.serializer(Customer.class, Topics.CUSTOMERS);
        this.truth = truth;
    }

    static String user(int i) {
        return "u-" + i;
    }

    /** The profile of every user (compacted topic, key user id). */
    void profiles() {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (int i = 0; i < USERS; i++) {
                CustomerTier tier = TIERS.get(i % TIERS.size());
                Customer c = Customer.newBuilder().setEventId("profile-" + i).setEventTime(origin)
                        .setUserId(user(i)).setCountry("NL").setTier(tier)
                        .setSignupDate(LocalDate.of(2020, 1, 1)).setSegment(i % 2 == 0 ? "consumer" : "business")
                        .setEmail(user(i) + "@example.com").build();
                producer.send(new ProducerRecord<>(Topics.CUSTOMERS.name(), bytes(user(i)), customers.serialize(c)));
                truth.profile(user(i), tier.name());
            }
            producer.flush();
        }
    }

    /** Both events of {@code count} new orders, and one poison pill per {@code poisonEvery} records (0: none). */
    int send(String batch, int count, int poisonEvery) {
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (int i = 0; i < count; i++) {
                String id = batch + "-" + i;
                String user = user(Math.floorMod(id.hashCode(), USERS));
                for (OrderStatus status : List.of(OrderStatus.CREATED, OrderStatus.PAID)) {
                    long amount = 1000L + i + (status == OrderStatus.PAID ? 500 : 0);
                    Order order = order(id, user, status, amount);
                    producer.send(new ProducerRecord<>(Topics.ORDERS.name(), bytes(id), orders.serialize(order)));
                    truth.orderEvent(id, user, order.getEventId(), status.name(), amount);
                    sent++;
                    if (poisonEvery > 0 && sent % poisonEvery == 0) {
                        producer.send(poison(batch + "-" + sent));
                        sent++;
                    }
                }
            }
            producer.flush();
        }
        return sent;
    }

    private ProducerRecord<byte[], byte[]> poison(String suffix) {
        Poison kind = Poison.values()[poisonSent % Poison.values().length];
        String topic = kind.onOrdersOnly() || poisonSent % 2 == 0 ? Topics.ORDERS.name() : Topics.PAYMENTS.name();
        poisonSent++;
        String key = "poison-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + suffix;
        byte[] valid = orders.serialize(order(key, user(0), OrderStatus.CREATED, 100));
        byte[] negative = orders.serialize(order(key, user(0), OrderStatus.CREATED, -1));
        truth.poison(key);
        return new ProducerRecord<>(topic, bytes(key), kind.value(valid, negative, random));
    }

    private Order order(String id, String user, OrderStatus status, long amount) {
        Instant time = origin.plusSeconds(++clock);
        return Order.newBuilder().setEventId(id + "-" + status).setEventTime(time).setOrderId(id)
                .setUserId(user).setStatus(status)
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
        // Room for the huge poison pill, and survives a broker restart in the middle of a batch.
        props.put("max.request.size", Integer.toString(Poison.HUGE_BYTES + 64 * 1024));
        props.put("delivery.timeout.ms", "180000");
        props.put("max.block.ms", "180000");
        return props;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
